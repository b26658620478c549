package io.sentinel.analyzer.analysis;

import io.sentinel.analyzer.heuristic.HeuristicAnalyst;
import io.sentinel.events.analysis.AnalysisCompleted;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.runtime.consume.EventContext;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Analyses each incident once, when it opens, and publishes the result. The detector may announce
 * the same incident again (a replay, a second replica); the first analysis stands.
 */
public final class IncidentAnalysis {

    /** Until an LLM client exists the heuristic always answers; the event says so rather than hiding it. */
    static final String NO_LLM = "no LLM configured (sentinel.analyzer.llm.base-url is not set)";

    private static final Logger log = LoggerFactory.getLogger(IncidentAnalysis.class);

    private final HeuristicAnalyst heuristic;
    private final Clock clock;

    public IncidentAnalysis(HeuristicAnalyst heuristic, Clock clock) {
        this.heuristic = heuristic;
        this.clock = clock;
    }

    public void onOpened(IncidentOpened incident, EventContext context) {
        AnalysisCompleted analysis = heuristic.analyze(incident, context.cause().id(), NO_LLM);
        String playbookId = analysis.proposedAction() == null ? null : analysis.proposedAction().playbookId();
        int recorded = context.attach(AnalysisDao.class).record(incident.incidentId(), analysis.analyst(), playbookId,
                analysis.risk(), analysis.rootCause(), analysis.confidence(), clock.instant());
        if (recorded == 0) {
            log.info("incident already analysed, ignoring repeated IncidentOpened incidentId={} eventId={}",
                    incident.incidentId(), context.cause().id());
            return;
        }
        context.publish(analysis);
        log.info("analysis completed incidentId={} rule={} analyst={} playbook={} risk={} confidence={}", incident.incidentId(),
                incident.rule(), analysis.analyst(), playbookId == null ? "none" : playbookId, analysis.risk(), analysis.confidence());
    }
}
