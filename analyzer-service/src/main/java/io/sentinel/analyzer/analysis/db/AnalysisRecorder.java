package io.sentinel.analyzer.analysis.db;

import io.sentinel.analyzer.analysis.IncidentAnalysis;
import io.sentinel.events.analysis.AnalysisCompleted;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.runtime.consume.EventContext;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Analyses each incident once, when it opens ({@link IncidentAnalysis}), and records and publishes
 * the result in the transaction the opening is handled in. The detector may announce the same
 * incident again (a replay, a second replica); the first analysis stands.
 */
@Component
public class AnalysisRecorder {

    private static final Logger log = LoggerFactory.getLogger(AnalysisRecorder.class);

    private final IncidentAnalysis analysis;
    private final Clock clock;

    public AnalysisRecorder(IncidentAnalysis analysis, Clock clock) {
        this.analysis = analysis;
        this.clock = clock;
    }

    public void onOpened(IncidentOpened incident, EventContext context) {
        AnalysisCompleted analyzed = analysis.analyze(incident, context.cause().id());
        String playbookId = analyzed.proposedAction() == null ? null : analyzed.proposedAction().playbookId();
        int recorded = context.attach(AnalysisDao.class).record(incident.incidentId(), analyzed.analyst(), playbookId, analyzed.risk(),
                analyzed.rootCause(), analyzed.confidence(), clock.instant());
        if (recorded == 0) {
            log.info("incident already analysed, ignoring repeated IncidentOpened incidentId={} eventId={}",
                    incident.incidentId(), context.cause().id());
            return;
        }
        context.publish(analyzed);
        log.info("analysis completed incidentId={} rule={} target={} environment={} analyst={} playbook={} risk={} confidence={}",
                incident.incidentId(), incident.rule(), incident.target() == null ? "unlisted" : incident.target(), analyzed.environment(),
                analyzed.analyst(), playbookId == null ? "none" : playbookId, analyzed.risk(), analyzed.confidence());
    }
}
