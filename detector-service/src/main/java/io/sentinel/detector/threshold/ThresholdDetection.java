package io.sentinel.detector.threshold;

import io.sentinel.detector.incident.Fingerprint;
import io.sentinel.detector.incident.IncidentDao;
import io.sentinel.detector.incident.IncidentLifecycle;
import io.sentinel.detector.incident.IncidentProperties;
import io.sentinel.detector.incident.OpenIncident;
import io.sentinel.detector.incident.PendingConditionDao;
import io.sentinel.detector.incident.Remediation;
import io.sentinel.events.EventIds;
import io.sentinel.events.TraceParent;
import io.sentinel.events.incident.ConditionCleared;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.incident.IncidentUpdated;
import io.sentinel.events.incident.Observation;
import io.sentinel.events.incident.Resolution;
import io.sentinel.events.signal.MetricBatch;
import io.sentinel.events.signal.MetricSample;
import io.sentinel.runtime.consume.EventContext;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the threshold rules over metric samples and turns their transitions into incident events.
 * Time is the samples' time, not the wall clock, so a delayed batch is judged by when it was measured.
 */
public final class ThresholdDetection {

    private static final Logger log = LoggerFactory.getLogger(ThresholdDetection.class);

    private final Map<String, List<ThresholdRule>> rulesBySignal;
    private final IncidentProperties properties;
    private final IncidentLifecycle lifecycle;

    public ThresholdDetection(List<ThresholdRule> rules, IncidentProperties properties, IncidentLifecycle lifecycle) {
        this.rulesBySignal = rules.stream().collect(Collectors.groupingBy(ThresholdRule::signal));
        this.properties = properties;
        this.lifecycle = lifecycle;
    }

    public void onMetrics(MetricBatch batch, EventContext context) {
        for (MetricSample sample : batch.samples()) {
            for (ThresholdRule rule : rulesBySignal.getOrDefault(sample.name(), List.of())) {
                evaluate(rule, batch, sample, context);
            }
        }
    }

    private void evaluate(ThresholdRule rule, MetricBatch batch, MetricSample sample, EventContext context) {
        String fingerprint = Fingerprint.of(rule.name(), batch.resource(), sample.labels());
        IncidentDao incidents = context.attach(IncidentDao.class);
        PendingConditionDao pending = context.attach(PendingConditionDao.class);
        OpenIncident open = incidents.findOpenByFingerprint(fingerprint).orElse(null);
        ConditionState state = open != null
                ? new ConditionState(null, open.phase())
                : new ConditionState(pending.since(fingerprint).orElse(null), ConditionState.Phase.NONE);

        switch (rule.evaluate(state, sample.value(), sample.at())) {
            case Transition.Quiet quiet -> { }
            case Transition.Pending p -> pending.start(fingerprint, p.since());
            case Transition.Reset reset -> pending.clear(fingerprint);
            case Transition.Opened opened -> {
                pending.clear(fingerprint);
                open(rule, batch, sample, fingerprint, opened.since(), context);
            }
            case Transition.Persisting persisting -> persist(rule, open, sample, persisting.breached(), context);
            case Transition.Cleared cleared -> clear(rule, open, sample, context);
            case Transition.Returned returned -> {
                incidents.setPhase(open.incidentId(), ConditionState.Phase.FIRING);
                announce(open, open.occurrences(), rule, observation(rule, sample, rule.above(), "condition returned after clearing"), context);
            }
        }
    }

    private void open(ThresholdRule rule, MetricBatch batch, MetricSample sample, String fingerprint, Instant since, EventContext context) {
        String incidentId = EventIds.derive(context.cause().id(), "incident|" + fingerprint);
        TraceParent trace = TraceParent.root();
        context.attach(IncidentDao.class).insert(incidentId, fingerprint, rule.name(), batch.resource(), trace.header(), sample.at());
        Map<String, String> labels = new HashMap<>(batch.labels());
        labels.putAll(sample.labels());
        String held = "above " + rule.above() + " since " + since + " (" + Duration.between(since, sample.at()).toSeconds() + "s)";
        context.publish(new IncidentOpened(incidentId, context.cause().id(), fingerprint, rule.name(), rule.titleFor(batch.resource()),
                rule.severity(), batch.resource(), labels, observation(rule, sample, rule.above(), held), sample.at()), trace);
        log.info("incident opened incidentId={} rule={} resource={} value={}", incidentId, rule.name(), batch.resource(), sample.value());
    }

    private void persist(ThresholdRule rule, OpenIncident open, MetricSample sample, boolean breached, EventContext context) {
        if (!breached) {
            return;
        }
        IncidentDao incidents = context.attach(IncidentDao.class);
        incidents.countOccurrence(open.incidentId());
        Instant lastAnnounced = open.lastUpdateAt() != null ? open.lastUpdateAt() : open.openedAt();
        if (Duration.between(lastAnnounced, sample.at()).compareTo(properties.updateInterval()) >= 0) {
            announce(open, open.occurrences() + 1, rule, observation(rule, sample, rule.above(), "condition persists"), context);
        }
    }

    private void announce(OpenIncident open, long occurrences, ThresholdRule rule, Observation observation, EventContext context) {
        context.attach(IncidentDao.class).markUpdatePublished(open.incidentId(), observation.observedAt());
        context.publish(new IncidentUpdated(open.incidentId(), context.cause().id(), occurrences, rule.severity(), observation), open.trace());
    }

    private void clear(ThresholdRule rule, OpenIncident open, MetricSample sample, EventContext context) {
        context.publish(new ConditionCleared(open.incidentId(), context.cause().id(),
                observation(rule, sample, rule.clearBelow(), "below the clear level " + rule.clearBelow()), sample.at()), open.trace());
        if (open.remediation() == Remediation.RUNNING) {
            // The executor is verifying a fix; it decides whether this clearing was the fix working.
            context.attach(IncidentDao.class).setPhase(open.incidentId(), ConditionState.Phase.CLEARED);
        } else {
            String summary = open.remediation() == Remediation.FAILED
                    ? "condition cleared after escalation"
                    : "condition cleared without remediation";
            lifecycle.resolve(context, open, Resolution.CLEARED_BY_ITSELF, summary, sample.at());
        }
    }

    private static Observation observation(ThresholdRule rule, MetricSample sample, double threshold, String detail) {
        return new Observation(rule.signal(), sample.value(), threshold, detail, sample.at());
    }
}
