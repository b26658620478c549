package io.sentinel.detector.absence;

import io.sentinel.detector.limits.KeyFamily;
import io.sentinel.detector.limits.KeyLimits;
import io.sentinel.detector.rule.Conditions;
import io.sentinel.detector.rule.DetectionContext;
import io.sentinel.detector.rule.DetectionRule;
import io.sentinel.detector.rule.Finding;
import io.sentinel.detector.rule.Level;
import io.sentinel.detector.rule.ScheduledRule;
import io.sentinel.events.incident.Observation;
import io.sentinel.events.incident.Severity;
import io.sentinel.events.settings.SettingContracts;
import io.sentinel.events.settings.detector.HeartbeatSetting;
import io.sentinel.events.signal.HeartbeatReceived;
import io.sentinel.events.signal.SignalEvent;
import io.sentinel.runtime.settings.RuntimeOverlay;
import io.sentinel.runtime.settings.SettingsView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Rule {@value #RULE}, a dead man's switch: something that should beat regularly (a nightly backup, a
 * cron job) did not beat by its last beat + {@code every} + {@code grace}; the next beat clears it. A
 * configured heartbeat never seen is expected from the first tick that knew it, a time kept across
 * restarts. Missing is noticed on ticks, by the wall clock; beats count by their own time.
 */
@Component
public final class HeartbeatRule implements DetectionRule, ScheduledRule {

    public static final String RULE = "heartbeat-missed";
    static final String SIGNAL = "heartbeat";
    private static final Logger log = LoggerFactory.getLogger(HeartbeatRule.class);

    private final Conditions conditions;
    private final KeyLimits limits;
    private final Duration forgetAfter;
    private final SettingsView<List<HeartbeatSetting>> expected;
    private final SettingsView<Duration> defaultGrace;

    public HeartbeatRule(AbsenceProperties configured, RuntimeOverlay overlay, Conditions conditions, KeyLimits limits) {
        this.conditions = conditions;
        this.limits = limits;
        this.forgetAfter = configured.forgetAfter();
        this.expected = overlay.replacing(SettingContracts.HEARTBEATS, configured.heartbeats());
        this.defaultGrace = overlay.replacing(SettingContracts.DEFAULT_GRACE, configured.defaultGrace());
    }

    @Override
    public String family() {
        return RULE;
    }

    @Override
    public List<Finding> onSignal(SignalEvent signal, DetectionContext context) {
        if (!(signal instanceof HeartbeatReceived beat)) {
            return List.of();
        }
        HeartbeatStore store = context.store(HeartbeatStore.class);
        Map<String, HeartbeatSetting> configured = byName(expected.get());
        Optional<StoredHeartbeat> known = store.lock(beat.resource());
        // Configured heartbeats are bounded by the configuration; any other name is a new key to admit.
        if (known.isEmpty() && !configured.containsKey(beat.resource()) && !limits.admit(KeyFamily.HEARTBEATS)) {
            return List.of();
        }
        if (known.map(StoredHeartbeat::lastBeatAt).filter(last -> beat.receivedAt().isBefore(last)).isPresent()) {
            log.info("ignoring a heartbeat older than the last one name={} at={} last={}", beat.resource(), beat.receivedAt(),
                    known.get().lastBeatAt());
            return List.of();
        }
        store.beat(beat.resource(), beat.labels(), millis(beat.every()), millis(beat.grace()), beat.receivedAt(), context.now());
        HeartbeatSetting expectation = configured.get(beat.resource());
        var observation = new Observation(SIGNAL, null, null, beat.resource() + " beat at " + beat.receivedAt(), beat.receivedAt());
        return conditions.observeAll(List.of(observed(beat.resource(), labels(beat.labels(), expectation), Level.CLEAR, expectation,
                observation)), context);
    }

    @Override
    public List<Finding> onTick(DetectionContext context) {
        Map<String, HeartbeatSetting> configured = byName(expected.get());
        HeartbeatStore store = context.store(HeartbeatStore.class);
        configured.keySet().forEach(name -> store.expect(name, context.now()));
        Judgement judgement = judge(store.lockAll(), configured, defaultGrace.get(), forgetAfter, context.now());
        judgement.forgotten().forEach(forgotten -> {
            store.forget(forgotten.name());
            log.info("heartbeat forgotten name={} lastHeard={}", forgotten.name(), forgotten.lastBeatAt() != null ? forgotten.lastBeatAt()
                    : forgotten.watchedSince());
        });
        return conditions.observeAll(judgement.observed(), context);
    }

    /**
     * What a tick makes of the heartbeats.
     *
     * @param forgotten heartbeats nobody configured, not heard of for {@code forget-after}: to forget (their condition clears)
     */
    public record Judgement(List<StoredHeartbeat> forgotten, List<Conditions.Observed> observed) {
    }

    /** Each heartbeat missed (breached) or on time (clear) at {@code now}. Pure. */
    public static Judgement judge(List<StoredHeartbeat> heartbeats, Map<String, HeartbeatSetting> configured, Duration defaultGrace,
                                  Duration forgetAfter, Instant now) {
        List<StoredHeartbeat> forgotten = new ArrayList<>();
        List<Conditions.Observed> observed = new ArrayList<>();
        for (StoredHeartbeat heartbeat : heartbeats) {
            HeartbeatSetting expectation = configured.get(heartbeat.name());
            Map<String, String> labels = labels(heartbeat.labels(), expectation);
            Instant lastHeard = heartbeat.lastBeatAt() != null ? heartbeat.lastBeatAt() : heartbeat.watchedSince();
            if (expectation == null && lastHeard.isBefore(now.minus(forgetAfter))) {
                forgotten.add(heartbeat);
                var observation = new Observation(SIGNAL, null, null, heartbeat.name() + " is no longer watched: not configured, and nothing "
                        + "heard since " + lastHeard, now);
                observed.add(observed(heartbeat.name(), labels, Level.CLEAR, null, observation));
                continue;
            }
            Optional<HeartbeatWatch> watch = HeartbeatWatch.of(heartbeat.name(), heartbeat.lastBeatAt(), heartbeat.watchedSince(),
                    duration(heartbeat.everyMs()), duration(heartbeat.graceMs()), expectation, defaultGrace);
            if (watch.isEmpty()) {
                continue;
            }
            boolean missed = watch.get().missedAt(now);
            String detail = missed ? watch.get().describe() : heartbeat.name() + " on time: next beat expected by " + watch.get().expectedBy();
            observed.add(observed(heartbeat.name(), labels, missed ? Level.BREACHED : Level.CLEAR, expectation,
                    new Observation(SIGNAL, null, null, detail, now)));
        }
        return new Judgement(List.copyOf(forgotten), List.copyOf(observed));
    }

    private static Map<String, HeartbeatSetting> byName(List<HeartbeatSetting> heartbeats) {
        Map<String, HeartbeatSetting> byName = new LinkedHashMap<>();
        heartbeats.forEach(heartbeat -> byName.put(heartbeat.name(), heartbeat));
        return byName;
    }

    private static Conditions.Observed observed(String name, Map<String, String> labels, Level level, HeartbeatSetting expectation,
                                                Observation observation) {
        Severity severity = expectation == null ? Severity.WARNING : expectation.severity();
        return new Conditions.Observed(RULE, name, Map.of(), labels, level, severity, "Heartbeat missed: " + name, observation,
                observation.observedAt(), Duration.ZERO, null);
    }

    private static Map<String, String> labels(Map<String, String> beatLabels, HeartbeatSetting expectation) {
        Map<String, String> labels = new HashMap<>(beatLabels);
        if (expectation != null) {
            labels.putAll(expectation.labels());
        }
        return labels;
    }

    private static Long millis(Duration duration) {
        return duration == null ? null : duration.toMillis();
    }

    private static Duration duration(Long millis) {
        return millis == null ? null : Duration.ofMillis(millis);
    }
}
