package io.sentinel.detector.llm;

import io.sentinel.detector.limits.KeyFamily;
import io.sentinel.detector.limits.KeyLimits;
import io.sentinel.detector.rule.DetectionContext;
import io.sentinel.detector.rule.DetectionRule;
import io.sentinel.detector.rule.Finding;
import io.sentinel.detector.rule.Fingerprint;
import io.sentinel.detector.rule.Level;
import io.sentinel.events.incident.Observation;
import io.sentinel.events.settings.detector.LlmSetting;
import io.sentinel.events.signal.LlmObservationType;
import io.sentinel.events.signal.LlmTrace;
import io.sentinel.events.signal.LlmTraceBatch;
import io.sentinel.events.signal.SignalEvent;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Rule {@code llm-error-cascade}: the share of an application's traces that failed (a generation or
 * tool call at level ERROR) jumped within the latest window. Judged on the traces' own timestamps;
 * the counts and the active state are in the database, so a restart neither forgets nor re-alerts.
 */
@Component
public final class ErrorCascadeRule implements DetectionRule {

    public static final String RULE = "llm-error-cascade";
    static final String SIGNAL = "llm_failed_trace_ratio";
    private static final Logger log = LoggerFactory.getLogger(ErrorCascadeRule.class);

    private final LlmSettings settings;
    private final KeyLimits keyLimits;

    public ErrorCascadeRule(LlmSettings settings, KeyLimits keyLimits) {
        this.settings = settings;
        this.keyLimits = keyLimits;
    }

    @Override
    public String family() {
        return RULE;
    }

    @Override
    public List<Finding> onSignal(SignalEvent signal, DetectionContext context) {
        if (!(signal instanceof LlmTraceBatch batch)) {
            return List.of();
        }
        LlmSetting.ErrorCascade limits = settings.current().errorCascade();
        ErrorCascadeStore store = context.store(ErrorCascadeStore.class);
        String application = batch.resource();
        Optional<ErrorCascadeStore.State> stored = store.find(application);
        if (stored.isEmpty() && !keyLimits.admit(KeyFamily.LLM_APPLICATIONS)) {
            return List.of();
        }

        Map<Instant, int[]> perBucket = new TreeMap<>();
        for (LlmTrace trace : batch.traces()) {
            int[] counts = perBucket.computeIfAbsent(TraceBuckets.bucketOf(trace.timestamp()), bucket -> new int[2]);
            counts[0]++;
            counts[1] += failed(trace) ? 1 : 0;
        }
        perBucket.forEach((bucket, counts) -> store.count(application, bucket, counts[0], counts[1]));

        Instant newest = batch.traces().stream().map(LlmTrace::timestamp).max(Comparator.naturalOrder()).orElseThrow();
        ErrorCascadeStore.State state = stored.orElse(new ErrorCascadeStore.State(newest, false, null));
        Instant latest = newest.isAfter(state.latestTraceAt()) ? newest : state.latestTraceAt();
        Instant oldestNeeded = TraceBuckets.oldestNeeded(latest, limits.window());
        store.forgetBuckets(application, oldestNeeded);
        TraceBuckets.Windows windows = TraceBuckets.windows(store.bucketsSince(application, oldestNeeded), latest, limits.window());

        var verdict = CascadeCheck.judge(windows, state.active() ? state.baselineRate() : null, limits);
        if (verdict.isEmpty()) {
            store.save(application, latest, state.active(), state.baselineRate());
            return List.of();
        }
        CascadeCheck.Verdict judged = verdict.get();
        String fingerprint = Fingerprint.of(RULE, application, Map.of());
        Observation observation = observation(judged, limits, latest);
        if (judged.level() == Level.BREACHED) {
            store.save(application, latest, true, judged.baseline());
            if (!state.active()) {
                log.info("error cascade application={} rate={} threshold={}", application, Wording.percent(judged.rate()),
                        Wording.percent(judged.threshold()));
            }
            return List.of(new Finding.Firing(fingerprint, RULE, application, batch.labels(), judged.severity(),
                    "Error cascade in " + application + ": " + Wording.percent(judged.rate()) + " of traces failed in the last "
                            + Wording.duration(limits.window()), observation, null));
        }
        store.save(application, latest, false, null);
        return state.active() ? List.of(new Finding.Cleared(fingerprint, observation)) : List.of();
    }

    /** A trace failed when one of its generations or tool calls did; a failed span alone is not the application failing. */
    static boolean failed(LlmTrace trace) {
        return trace.observations().stream()
                .anyMatch(step -> step.type() != LlmObservationType.SPAN && step.failed());
    }

    private static Observation observation(CascadeCheck.Verdict judged, LlmSetting.ErrorCascade limits, Instant at) {
        String detail = judged.current().failed() + " of " + judged.current().traces() + " traces failed in the last "
                + Wording.duration(limits.window()) + " (" + Wording.percent(judged.rate()) + "; threshold "
                + Wording.percent(judged.threshold()) + " = max(" + limits.jumpFactor() + " × baseline "
                + Wording.percent(judged.baseline()) + ", " + Wording.percent(limits.minRate()) + "))";
        return new Observation(SIGNAL, judged.rate(), judged.threshold(), detail, at);
    }
}
