package io.sentinel.analyzer.analysis;

import io.sentinel.analyzer.heuristic.HeuristicAnalyst;
import io.sentinel.events.analysis.AnalysisCompleted;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.runtime.consume.EventContext;
import io.sentinel.runtime.inventory.TargetInventory;
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
    private final TargetInventory inventory;
    private final Clock clock;

    public IncidentAnalysis(HeuristicAnalyst heuristic, TargetInventory inventory, Clock clock) {
        this.heuristic = heuristic;
        this.inventory = inventory;
        this.clock = clock;
    }

    public void onOpened(IncidentOpened incident, EventContext context) {
        // The environment decides the risk, so it comes from the inventory; an incident about
        // something the inventory does not list counts as being in the most sensitive environment.
        String environment = inventory.environmentOf(incident.target());
        AnalysisCompleted analysis = heuristic.analyze(incident, context.cause().id(), environment, NO_LLM);
        String playbookId = analysis.proposedAction() == null ? null : analysis.proposedAction().playbookId();
        int recorded = context.attach(AnalysisDao.class).record(incident.incidentId(), analysis.analyst(), playbookId,
                analysis.risk(), analysis.rootCause(), analysis.confidence(), clock.instant());
        if (recorded == 0) {
            log.info("incident already analysed, ignoring repeated IncidentOpened incidentId={} eventId={}",
                    incident.incidentId(), context.cause().id());
            return;
        }
        context.publish(analysis);
        log.info("analysis completed incidentId={} rule={} target={} environment={} analyst={} playbook={} risk={} confidence={}",
                incident.incidentId(), incident.rule(), incident.target() == null ? "unlisted" : incident.target(), environment,
                analysis.analyst(), playbookId == null ? "none" : playbookId, analysis.risk(), analysis.confidence());
    }
}
