package io.sentinel.detector.incident;

import io.micrometer.core.instrument.MeterRegistry;
import io.sentinel.detector.rule.DetectionContext;
import io.sentinel.detector.rule.Finding;
import io.sentinel.events.execution.ExecutionEvent;
import io.sentinel.events.incident.IncidentEscalated;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.incident.IncidentResolved;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thin step around {@link IncidentManager}: reads the facts it decides on, asks it, and applies
 * the decision (the changes through {@link IncidentStore}, the events through the context's outbox),
 * all in the context's unit of work.
 */
public final class IncidentSteps {

    private static final Logger log = LoggerFactory.getLogger(IncidentSteps.class);

    private final IncidentManager manager;
    private final MeterRegistry meters;

    public IncidentSteps(IncidentManager manager, MeterRegistry meters) {
        this.manager = manager;
        this.meters = meters;
    }

    /** What rules found; each finding is decided on after the previous one was applied. */
    public void apply(List<Finding> findings, DetectionContext context) {
        for (Finding finding : findings) {
            apply(manager.onFinding(finding, context.store(IncidentFacts.class), context.now(), context.causationId()), context);
        }
    }

    /** An event of the executions topic: the executor's verdict, or progress that changes nothing here. */
    public void onVerdict(ExecutionEvent verdict, DetectionContext context) {
        apply(manager.onVerdict(verdict, context.store(IncidentFacts.class), context.now(), context.causationId()), context);
    }

    /** On a tick: flapping incidents that have settled. */
    public void settle(DetectionContext context) {
        apply(manager.settle(context.store(IncidentFacts.class), context.now(), context.causationId()), context);
    }

    /** On a tick: the end of an incident storm. */
    public void endStorm(DetectionContext context) {
        apply(manager.endStorm(context.store(IncidentFacts.class), context.now(), context.causationId()), context);
    }

    void apply(IncidentDecision decision, DetectionContext context) {
        if (decision.isEmpty()) {
            return;
        }
        IncidentStore store = context.store(IncidentStore.class);
        for (IncidentChange change : decision.changes()) {
            switch (change) {
                case IncidentChange.Open open -> store.insert(open.incidentId(), open.fingerprint(), open.rule(), open.resource(),
                        open.traceParent(), open.severity(), open.labels(), open.openedAt(), open.target(), open.recordedAt());
                case IncidentChange.CountOccurrence count -> store.countOccurrence(count.incidentId());
                case IncidentChange.Announced announced -> store.markUpdatePublished(announced.incidentId(), announced.at());
                case IncidentChange.RaiseSeverity raise -> store.setSeverity(raise.incidentId(), raise.severity());
                case IncidentChange.Refire refire -> store.markFiring(refire.incidentId());
                case IncidentChange.Clear clear -> store.markCleared(clear.incidentId(), clear.at(), clear.flapping());
                case IncidentChange.HoldReturn hold -> store.holdReturn(hold.incidentId(), hold.returned());
                case IncidentChange.DropReturn drop -> store.dropReturn(drop.incidentId());
                case IncidentChange.Settle settle -> {
                    store.markSettling(settle.incidentId());
                    log.info("incident settling incidentId={}: no remediation; resolves once the flapping condition stays clear",
                            settle.incidentId());
                }
                case IncidentChange.Escalate escalate -> store.markEscalated(escalate.incidentId());
                case IncidentChange.Resolve resolve -> store.resolve(resolve.incidentId(), resolve.at());
                case IncidentChange.StormSuppressed suppressed -> {
                    store.stormSuppressed(suppressed.fingerprint(), suppressed.at());
                    meters.counter("sentinel.detector.suppressed", "reason", "storm").increment();
                }
                case IncidentChange.ForgetStormSuppressions forget -> store.forgetStormSuppressionsBefore(forget.before());
            }
        }
        for (IncidentDecision.Publication publication : decision.publications()) {
            context.publish(publication.event(), publication.trace());
            switch (publication.event()) {
                case IncidentOpened opened -> log.info("incident opened incidentId={} rule={} resource={} severity={} target={}",
                        opened.incidentId(), opened.rule(), opened.resource(), opened.severity(), opened.target());
                case IncidentResolved resolved -> log.info("incident resolved incidentId={} resolution={} summary=\"{}\"",
                        resolved.incidentId(), resolved.resolution(), resolved.summary());
                case IncidentEscalated escalated -> log.info("incident escalated incidentId={} reason=\"{}\"", escalated.incidentId(),
                        escalated.reason());
                default -> {
                }
            }
        }
    }
}
