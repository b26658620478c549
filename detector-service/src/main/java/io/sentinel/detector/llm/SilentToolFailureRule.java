package io.sentinel.detector.llm;

import io.sentinel.detector.limits.KeyFamily;
import io.sentinel.detector.limits.KeyLimits;
import io.sentinel.detector.rule.DetectionContext;
import io.sentinel.detector.rule.DetectionRule;
import io.sentinel.detector.rule.Finding;
import io.sentinel.detector.rule.Fingerprint;
import io.sentinel.detector.rule.ScheduledRule;
import io.sentinel.events.incident.Observation;
import io.sentinel.events.incident.Severity;
import io.sentinel.events.settings.detector.LlmSetting;
import io.sentinel.events.signal.LlmObservation;
import io.sentinel.events.signal.LlmTrace;
import io.sentinel.events.signal.LlmTraceBatch;
import io.sentinel.events.signal.SignalEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Rule {@code llm-silent-tool-failure}: a tool whose calls report success but return nothing, error
 * text, or the wrong shape (see {@link ToolOutputCheck}), at least {@code min-failures} times within
 * {@code window}. While the episode lasts every further silent failure is counted on its incident; it
 * clears after {@code quiet-for} without one. Judged on the calls' own timestamps.
 */
@Component
public final class SilentToolFailureRule implements DetectionRule, ScheduledRule {

    public static final String RULE = "llm-silent-tool-failure";
    static final String SIGNAL = "llm_tool_silent_failures";
    static final int CLEARS_PER_TICK = 500;

    private final LlmSettings settings;
    private volatile Checker checker;

    /** The check compiled for one configuration; rebuilt when the effective configuration changes. */
    private record Checker(LlmSetting properties, ToolOutputCheck check) {
    }

    private final KeyLimits keyLimits;

    public SilentToolFailureRule(LlmSettings settings, KeyLimits keyLimits) {
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
        LlmSetting properties = settings.current();
        LlmSetting.SilentToolFailure limits = properties.silentToolFailure();
        ToolOutputCheck check = check(properties);
        Map<String, List<Failure>> byTool = new LinkedHashMap<>();
        for (LlmTrace trace : batch.traces()) {
            for (LlmObservation call : trace.toolCalls()) {
                Optional<SilentFailure> failure = check.silentFailure(call);
                failure.ifPresent(found -> byTool.computeIfAbsent(call.name(), tool -> new ArrayList<>())
                        .add(new Failure(call.endTime() != null ? call.endTime() : call.startTime(), trace.traceId(), found)));
            }
        }
        ToolFailureStore store = context.store(ToolFailureStore.class);
        Episodes episodes = context.store(Episodes.class);
        List<Finding> findings = new ArrayList<>();
        for (Map.Entry<String, List<Failure>> tool : byTool.entrySet()) {
            List<Failure> failures = tool.getValue().stream().sorted(Comparator.comparing(Failure::at)).toList();
            Optional<List<Instant>> stored = store.find(batch.resource(), tool.getKey());
            if (stored.isEmpty() && !keyLimits.admit(KeyFamily.LLM_TOOLS)) {
                continue;
            }
            List<Instant> times = new ArrayList<>(stored.orElse(List.of()));
            failures.forEach(failure -> times.add(failure.at()));
            times.sort(Comparator.naturalOrder());
            List<Instant> kept = times.size() > LlmSetting.SilentToolFailure.MAX_REMEMBERED
                    ? times.subList(times.size() - LlmSetting.SilentToolFailure.MAX_REMEMBERED, times.size()) : times;
            Failure latest = failures.getLast();
            store.save(batch.resource(), tool.getKey(), List.copyOf(kept), latest.failure().describe());

            long inWindow = withinWindowOf(kept, kept.getLast(), limits);
            String fingerprint = fingerprint(batch.resource(), tool.getKey());
            if (inWindow >= limits.minFailures() || episodes.ongoing(fingerprint)) {
                episodes.seen(fingerprint, RULE, batch.resource(), kept.getLast());
                findings.add(firing(batch, tool.getKey(), inWindow, latest, limits));
            }
        }
        return findings;
    }

    @Override
    public List<Finding> onTick(DetectionContext context) {
        LlmSetting.SilentToolFailure limits = settings.current().silentToolFailure();
        List<Finding> cleared = new ArrayList<>();
        List<Episodes.Ended> quiet = context.store(Episodes.class)
                .endQuietSince(RULE, context.now().minus(limits.quietFor()), CLEARS_PER_TICK);
        for (Episodes.Ended ended : quiet) {
            cleared.add(new Finding.Cleared(ended.fingerprint(), new Observation(SIGNAL, 0.0, (double) limits.minFailures(),
                    "no silent failure for " + Wording.duration(limits.quietFor()) + " (last at " + ended.lastSeen() + ")",
                    context.now())));
        }
        return cleared;
    }

    /** One silent failure of a tool call. */
    record Failure(Instant at, String traceId, SilentFailure failure) {
    }

    /** How many of the failures happened within {@code window} up to {@code latest}. Pure. */
    static long withinWindowOf(List<Instant> failures, Instant latest, LlmSetting.SilentToolFailure limits) {
        Instant from = latest.minus(limits.window());
        return failures.stream().filter(at -> at.isAfter(from) && !at.isAfter(latest)).count();
    }

    static String fingerprint(String application, String tool) {
        return Fingerprint.of(RULE, application, Map.of("tool", tool));
    }

    private ToolOutputCheck check(LlmSetting properties) {
        Checker current = checker;
        if (current == null || current.properties() != properties) {
            var check = new ToolOutputCheck(properties.silentToolFailure().errorPatterns(), properties.toolSchemas());
            current = new Checker(properties, check);
            checker = current;
        }
        return current.check();
    }

    private static Finding.Firing firing(LlmTraceBatch batch, String tool, long inWindow, Failure latest,
                                         LlmSetting.SilentToolFailure limits) {
        Map<String, String> labels = new HashMap<>(batch.labels());
        labels.put("tool", tool);
        String detail = inWindow + " calls of " + tool + " reported success but failed within " + Wording.duration(limits.window())
                + "; latest (trace " + latest.traceId() + "): " + latest.failure().describe();
        return new Finding.Firing(fingerprint(batch.resource(), tool), RULE, batch.resource(), labels, Severity.WARNING,
                "Silent failures of tool " + tool + " in " + batch.resource(),
                new Observation(SIGNAL, (double) inWindow, (double) limits.minFailures(), detail, latest.at()), null);
    }
}
