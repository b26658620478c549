package io.sentinel.detector.absence;

import io.sentinel.detector.limits.KeyFamily;
import io.sentinel.detector.limits.KeyLimits;
import io.sentinel.detector.rule.Conditions;
import io.sentinel.detector.rule.DetectionContext;
import io.sentinel.detector.rule.DetectionRule;
import io.sentinel.detector.rule.Finding;
import io.sentinel.detector.rule.Level;
import io.sentinel.detector.rule.ScheduledRule;
import io.sentinel.events.EventCodec;
import io.sentinel.events.incident.Observation;
import io.sentinel.events.incident.Severity;
import io.sentinel.events.signal.HeartbeatReceived;
import io.sentinel.events.signal.SignalEvent;
import io.sentinel.runtime.settings.RuntimeSettings;
import io.sentinel.runtime.settings.SettingValues;
import io.sentinel.runtime.settings.SettingsView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rule {@value #RULE}, a dead man's switch: something that should beat regularly (a nightly backup, a
 * cron job) did not beat by its last beat + {@code every} + {@code grace}; the next beat clears it. A
 * configured heartbeat never seen is expected from the first tick that knew it, a time kept across
 * restarts. Missing is noticed on ticks, by the wall clock; beats count by their own time.
 */
@Component
public final class HeartbeatRule implements DetectionRule, ScheduledRule {

    public static final String RULE = "heartbeat-missed";
    public static final String HEARTBEATS_SETTING = "detector.absence.heartbeats";
    public static final String DEFAULT_GRACE_SETTING = "detector.absence.default-grace";
    static final String SIGNAL = "heartbeat";
    private static final Logger log = LoggerFactory.getLogger(HeartbeatRule.class);

    private final Conditions conditions;
    private final KeyLimits limits;
    private final JsonMapper json;
    private final Duration forgetAfter;
    private final SettingsView<Map<String, ExpectedHeartbeat>> expected;
    private final SettingsView<Optional<Duration>> defaultGrace;

    public HeartbeatRule(AbsenceProperties configured, RuntimeSettings runtime, SettingValues values, Conditions conditions,
                         EventCodec codec, KeyLimits limits) {
        this.conditions = conditions;
        this.limits = limits;
        this.json = codec.mapper();
        this.forgetAfter = configured.forgetAfter();
        this.expected = new SettingsView<>(runtime, () -> runtime.get(HEARTBEATS_SETTING)
                .map(list -> ExpectedHeartbeat.byName(values.readList(list, ExpectedHeartbeat.class, HEARTBEATS_SETTING), HEARTBEATS_SETTING))
                .orElseGet(() -> ExpectedHeartbeat.byName(configured.heartbeats(), ExpectedHeartbeat.PROPERTY)));
        this.defaultGrace = new SettingsView<>(runtime, () -> runtime.get(DEFAULT_GRACE_SETTING)
                .map(grace -> nonNegative(values.read(grace, Duration.class, DEFAULT_GRACE_SETTING)))
                .or(() -> Optional.ofNullable(configured.defaultGrace())));
        this.expected.get();
        this.defaultGrace.get();
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
        HeartbeatStore store = context.attach(HeartbeatStore.class);
        Optional<HeartbeatRow> known = store.lock(beat.resource());
        // Configured heartbeats are bounded by the configuration; any other name is a new key to admit.
        if (known.isEmpty() && !expected.get().containsKey(beat.resource()) && !limits.admit(KeyFamily.HEARTBEATS)) {
            return List.of();
        }
        if (known.map(HeartbeatRow::lastBeatAt).filter(last -> beat.receivedAt().isBefore(last)).isPresent()) {
            log.info("ignoring a heartbeat older than the last one name={} at={} last={}", beat.resource(), beat.receivedAt(),
                    known.get().lastBeatAt());
            return List.of();
        }
        store.beat(beat.resource(), json.writeValueAsString(beat.labels()), millis(beat.every()), millis(beat.grace()), beat.receivedAt(),
                context.now());
        ExpectedHeartbeat configured = expected.get().get(beat.resource());
        var observation = new Observation(SIGNAL, null, null, beat.resource() + " beat at " + beat.receivedAt(), beat.receivedAt());
        return conditions.observeAll(List.of(observed(beat.resource(), labels(beat.labels(), configured), Level.CLEAR, configured,
                observation)), context);
    }

    @Override
    public List<Finding> onTick(DetectionContext context) {
        Instant now = context.now();
        Map<String, ExpectedHeartbeat> configured = expected.get();
        HeartbeatStore store = context.attach(HeartbeatStore.class);
        configured.keySet().forEach(name -> store.expect(name, now));
        List<Conditions.Observed> observed = new ArrayList<>();
        for (HeartbeatRow row : store.lockAll()) {
            ExpectedHeartbeat expectation = configured.get(row.name());
            Map<String, String> labels = labels(readLabels(row.labels()), expectation);
            Instant lastHeard = row.lastBeatAt() != null ? row.lastBeatAt() : row.watchedSince();
            if (expectation == null && lastHeard.isBefore(now.minus(forgetAfter))) {
                store.forget(row.name());
                log.info("heartbeat forgotten name={} lastHeard={}", row.name(), lastHeard);
                var observation = new Observation(SIGNAL, null, null, row.name() + " is no longer watched: not configured, and nothing heard"
                        + " since " + lastHeard, now);
                observed.add(observed(row.name(), labels, Level.CLEAR, null, observation));
                continue;
            }
            Optional<HeartbeatWatch> watch = HeartbeatWatch.of(row.name(), row.lastBeatAt(), row.watchedSince(), duration(row.everyMs()),
                    duration(row.graceMs()), expectation, defaultGrace.get().orElse(null));
            if (watch.isEmpty()) {
                continue;
            }
            boolean missed = watch.get().missedAt(now);
            String detail = missed ? watch.get().describe() : row.name() + " on time: next beat expected by " + watch.get().expectedBy();
            observed.add(observed(row.name(), labels, missed ? Level.BREACHED : Level.CLEAR, expectation,
                    new Observation(SIGNAL, null, null, detail, now)));
        }
        return conditions.observeAll(observed, context);
    }

    private static Conditions.Observed observed(String name, Map<String, String> labels, Level level, ExpectedHeartbeat expectation,
                                                Observation observation) {
        Severity severity = expectation == null ? Severity.WARNING : expectation.severity();
        return new Conditions.Observed(RULE, name, Map.of(), labels, level, severity, "Heartbeat missed: " + name, observation,
                observation.observedAt(), Duration.ZERO, null);
    }

    private static Map<String, String> labels(Map<String, String> beatLabels, ExpectedHeartbeat expectation) {
        Map<String, String> labels = new HashMap<>(beatLabels);
        if (expectation != null) {
            labels.putAll(expectation.labels());
        }
        return labels;
    }

    private Map<String, String> readLabels(String stored) {
        return json.readValue(stored, json.getTypeFactory().constructMapType(Map.class, String.class, String.class));
    }

    private static Duration nonNegative(Duration grace) {
        if (grace.isNegative()) {
            throw new IllegalArgumentException(DEFAULT_GRACE_SETTING + " must not be negative, was " + grace);
        }
        return grace;
    }

    private static Long millis(Duration duration) {
        return duration == null ? null : duration.toMillis();
    }

    private static Duration duration(Long millis) {
        return millis == null ? null : Duration.ofMillis(millis);
    }
}
