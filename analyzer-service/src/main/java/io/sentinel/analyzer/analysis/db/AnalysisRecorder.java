package io.sentinel.analyzer.analysis.db;

import io.micrometer.core.instrument.MeterRegistry;
import io.sentinel.analyzer.analysis.IncidentAnalysis;
import io.sentinel.analyzer.context.IncidentContext;
import io.sentinel.analyzer.context.db.ContextReader;
import io.sentinel.analyzer.history.PastIncident;
import io.sentinel.analyzer.history.db.IncidentHistory;
import io.sentinel.events.analysis.AnalysisCompleted;
import io.sentinel.events.analysis.ModelUsage;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.target.TargetRef;
import io.sentinel.runtime.consume.EventContext;
import io.sentinel.runtime.inventory.TargetInventory;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Analyses each incident once, when it opens ({@link IncidentAnalysis}), and records and publishes
 * the result in the transaction the opening is handled in. The detector may announce the same
 * incident again (a replay, a second replica); the first analysis stands, and a repeat is recognised
 * before any model is asked. A model call happens inside that transaction; its time limit bounds how
 * long the incident's partition waits.
 */
@Component
public class AnalysisRecorder {

    private static final Logger log = LoggerFactory.getLogger(AnalysisRecorder.class);

    private final IncidentAnalysis analysis;
    private final ContextReader contexts;
    private final IncidentHistory history;
    private final TargetInventory inventory;
    private final Clock clock;
    private final MeterRegistry meters;

    public AnalysisRecorder(IncidentAnalysis analysis, ContextReader contexts, IncidentHistory history, TargetInventory inventory, Clock clock,
                            MeterRegistry meters) {
        this.analysis = analysis;
        this.contexts = contexts;
        this.history = history;
        this.inventory = inventory;
        this.clock = clock;
        this.meters = meters;
    }

    public void onOpened(IncidentOpened incident, EventContext context) {
        AnalysisDao dao = context.attach(AnalysisDao.class);
        if (dao.analysed(incident.incidentId())) {
            log.info("incident already analysed, ignoring repeated IncidentOpened incidentId={} eventId={}",
                    incident.incidentId(), context.cause().id());
            return;
        }
        // The environment decides the risk, so it comes from the inventory; an incident about
        // something the inventory does not list counts as being in the most sensitive environment.
        String environment = inventory.environmentOf(incident.target());
        TargetRef target = inventory.find(incident.target()).orElse(null);
        IncidentContext window = contexts.read(context.handle(), incident, environment, target);
        List<PastIncident> similar = history.rememberOpened(context.handle(), incident, environment, window.errorMessages());
        AnalysisCompleted analyzed = analysis.analyze(window.withSimilar(similar), context.cause().id());

        String playbookId = analyzed.proposedAction() == null ? null : analyzed.proposedAction().playbookId();
        ModelUsage usage = analyzed.usage();
        int recorded = dao.record(incident.incidentId(), analyzed.analyst(), analyzed.model(), analyzed.fallbackReason(), playbookId,
                analyzed.risk(), analyzed.rootCause(), analyzed.confidence(), usage == null ? null : usage.tokensIn(),
                usage == null ? null : usage.tokensOut(), usage == null ? null : usage.costUsd(), usage == null ? null : usage.latencyMillis(),
                clock.instant());
        if (recorded == 0) {
            log.info("incident already analysed, ignoring repeated IncidentOpened incidentId={} eventId={}",
                    incident.incidentId(), context.cause().id());
            return;
        }
        history.recordAnalysis(context.handle(), analyzed);
        context.publish(analyzed);
        count(analyzed);
        log.info("analysis completed incidentId={} rule={} target={} environment={} analyst={} playbook={} risk={} confidence={} "
                        + "similarIncidents={} tokens={} latencyMs={} fallbackReason=\"{}\"",
                incident.incidentId(), incident.rule(), incident.target() == null ? "unlisted" : incident.target(), analyzed.environment(),
                analyzed.analystLabel(), playbookId == null ? "none" : playbookId, analyzed.risk(), analyzed.confidence(),
                analyzed.similarIncidents().size(), usage == null ? 0 : usage.tokensIn() + usage.tokensOut(),
                usage == null ? 0 : usage.latencyMillis(), analyzed.fallbackReason() == null ? "" : analyzed.fallbackReason());
    }

    /** Who answered how often, and what the model cost: the figures an operator watches the model by. */
    private void count(AnalysisCompleted analyzed) {
        String analyst = analyzed.analyst().name().toLowerCase(Locale.ROOT);
        meters.counter("sentinel.analyzer.analyses", "analyst", analyst).increment();
        if (analyzed.usage() != null) {
            meters.counter("sentinel.analyzer.model.tokens", "direction", "in").increment(analyzed.usage().tokensIn());
            meters.counter("sentinel.analyzer.model.tokens", "direction", "out").increment(analyzed.usage().tokensOut());
        }
    }
}
