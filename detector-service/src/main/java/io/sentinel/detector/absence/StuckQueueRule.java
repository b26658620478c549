package io.sentinel.detector.absence;

import io.sentinel.detector.baseline.MetricOrigin;
import io.sentinel.detector.limits.KeyFamily;
import io.sentinel.detector.limits.KeyLimits;
import io.sentinel.detector.rule.Conditions;
import io.sentinel.detector.rule.DetectionContext;
import io.sentinel.detector.rule.DetectionRule;
import io.sentinel.detector.rule.Finding;
import io.sentinel.detector.rule.Level;
import io.sentinel.detector.rule.ScheduledRule;
import io.sentinel.events.incident.Observation;
import io.sentinel.events.signal.MetricBatch;
import io.sentinel.events.signal.MetricSample;
import io.sentinel.events.signal.SignalEvent;
import io.sentinel.events.settings.SettingContracts;
import io.sentinel.events.settings.detector.StuckQueueSetting;
import io.sentinel.runtime.settings.RuntimeOverlay;
import io.sentinel.runtime.settings.SettingsView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Rule {@value #RULE}: per resource and {@code queue} label, {@code queue_depth} rising over the
 * window while {@code queue_consumed_per_second} stayed 0 throughout; consumption resuming or the
 * depth falling clears it. Judged on the samples' own time; queues silent for {@code forget-after}
 * are forgotten on ticks.
 */
@Component
public final class StuckQueueRule implements DetectionRule, ScheduledRule {

    public static final String RULE = "queue-stuck";
    public static final String DEPTH = "queue_depth";
    public static final String CONSUMED = "queue_consumed_per_second";
    public static final String QUEUE_LABEL = "queue";
    /** Samples dated further ahead (a broken clock) would hold the window open; they are dropped. */
    static final Duration MAX_AHEAD = Duration.ofHours(1);
    static final int FORGET_PER_TICK = 500;
    private static final Logger log = LoggerFactory.getLogger(StuckQueueRule.class);

    private final Conditions conditions;
    private final KeyLimits limits;
    private final Duration forgetAfter;
    private final SettingsView<StuckQueueSetting> settings;

    public StuckQueueRule(AbsenceProperties configured, RuntimeOverlay overlay, Conditions conditions, KeyLimits limits) {
        this.conditions = conditions;
        this.limits = limits;
        this.forgetAfter = configured.forgetAfter();
        this.settings = overlay.replacing(SettingContracts.STUCK_QUEUE, configured.stuckQueue());
    }

    @Override
    public String family() {
        return RULE;
    }

    @Override
    public List<Finding> onSignal(SignalEvent signal, DetectionContext context) {
        if (!(signal instanceof MetricBatch batch) || MetricOrigin.of(batch) == MetricOrigin.BACKFILL) {
            return List.of();
        }
        QueueSampleStore store = context.store(QueueSampleStore.class);
        Set<String> tracked = trackedQueues(batch, store);
        Map<String, Map<String, String>> touched = new LinkedHashMap<>();
        for (MetricSample sample : batch.samples()) {
            boolean depth = sample.name().equals(DEPTH);
            if (!depth && !sample.name().equals(CONSUMED) || !tracked.contains(sample.labels().getOrDefault(QUEUE_LABEL, ""))) {
                continue;
            }
            if (sample.at().isAfter(context.now().plus(MAX_AHEAD))) {
                log.warn("dropping a queue sample dated in the future resource={} signal={} at={}", batch.resource(), sample.name(),
                        sample.at());
                continue;
            }
            String queue = sample.labels().getOrDefault(QUEUE_LABEL, "");
            store.record(batch.resource(), queue, sample.at(), depth ? sample.value() : null, depth ? null : sample.value(), context.now());
            if (depth || !touched.containsKey(queue)) {
                touched.put(queue, sample.labels());
            }
        }
        StuckQueueSetting current = settings.get();
        StuckQueueCheck check = StuckQueueCheck.of(current);
        List<Conditions.Observed> observed = new ArrayList<>();
        touched.forEach((queue, sampleLabels) -> {
            List<QueuePoint> points = store.points(batch.resource(), queue);
            Optional<QueueVerdict> verdict = check.judge(points);
            if (verdict.isEmpty()) {
                return;
            }
            store.trim(batch.resource(), queue, verdict.get().at().minus(current.window().multipliedBy(2)));
            Map<String, String> labels = new HashMap<>(batch.labels());
            labels.putAll(sampleLabels);
            labels.put(QUEUE_LABEL, queue);
            var observation = new Observation(DEPTH, verdict.get().depth(), verdict.get().reference(),
                    "queue " + queue + " on " + batch.resource() + ": " + verdict.get().detail(), verdict.get().at());
            observed.add(observed(batch.resource(), queue, labels, verdict.get().level(), current, observation, batch.target()));
        });
        return conditions.observeAll(observed, context);
    }

    /** The batch's queues that have samples already, and new ones within {@link KeyFamily#QUEUES}' cap. */
    private Set<String> trackedQueues(MetricBatch batch, QueueSampleStore store) {
        Set<String> queues = new LinkedHashSet<>();
        for (MetricSample sample : batch.samples()) {
            if (sample.name().equals(DEPTH) || sample.name().equals(CONSUMED)) {
                queues.add(sample.labels().getOrDefault(QUEUE_LABEL, ""));
            }
        }
        if (queues.isEmpty()) {
            return Set.of();
        }
        Set<String> tracked = new HashSet<>(store.known(batch.resource(), queues));
        for (String queue : queues) {
            if (!tracked.contains(queue) && limits.admit(KeyFamily.QUEUES)) {
                tracked.add(queue);
            }
        }
        return tracked;
    }

    @Override
    public List<Finding> onTick(DetectionContext context) {
        QueueSampleStore store = context.store(QueueSampleStore.class);
        List<Conditions.Observed> forgotten = new ArrayList<>();
        for (QueueSampleStore.Queue silent : store.silentSince(context.now().minus(forgetAfter), FORGET_PER_TICK)) {
            store.forget(silent.resource(), silent.queue());
            log.info("queue forgotten resource={} queue={} silentFor={}", silent.resource(), silent.queue(), forgetAfter);
            var observation = new Observation(DEPTH, null, null, "queue " + silent.queue() + " on " + silent.resource()
                    + " is no longer watched: no samples for " + forgetAfter, context.now());
            // Clearing only (a forgotten queue's condition is over): a clear names no target.
            forgotten.add(observed(silent.resource(), silent.queue(), Map.of(), Level.CLEAR, settings.get(), observation, null));
        }
        return conditions.observeAll(forgotten, context);
    }

    private static Conditions.Observed observed(String resource, String queue, Map<String, String> labels, Level level,
                                                StuckQueueSetting settings, Observation observation, String target) {
        return new Conditions.Observed(RULE, resource, Map.of(QUEUE_LABEL, queue), labels, level, settings.severity(),
                (queue.isEmpty() ? "Queue" : "Queue " + queue) + " stuck on " + resource, observation, observation.observedAt(), Duration.ZERO, target);
    }
}
