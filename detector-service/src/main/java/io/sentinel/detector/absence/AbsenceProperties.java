package io.sentinel.detector.absence;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Absence rules, from {@code sentinel.detector.absence}: heartbeats, stuck queues, metrics that
 * stopped arriving.
 *
 * @param heartbeats   heartbeats expected even when their beats do not say how often (runtime setting
 *                     {@value HeartbeatRule#HEARTBEATS_SETTING} replaces the list)
 * @param defaultGrace grace for a heartbeat that neither its beats nor its configuration give one; unset: 10% of
 *                     its {@code every}, at least a minute (runtime setting {@value HeartbeatRule#DEFAULT_GRACE_SETTING})
 * @param forgetAfter  heartbeats nobody configured, queues and metric series not heard of for this long are
 *                     forgotten (and any incident of theirs resolved); keeps the tables bounded
 */
@ConfigurationProperties("sentinel.detector.absence")
public record AbsenceProperties(List<ExpectedHeartbeat> heartbeats, Duration defaultGrace, @DefaultValue("7d") Duration forgetAfter,
                                @DefaultValue StuckQueueSettings stuckQueue, @DefaultValue StaleMetricSettings staleMetrics) {

    public AbsenceProperties {
        heartbeats = heartbeats == null ? List.of() : List.copyOf(heartbeats);
        ExpectedHeartbeat.byName(heartbeats, ExpectedHeartbeat.PROPERTY);
        if (defaultGrace != null && defaultGrace.isNegative()) {
            throw new IllegalArgumentException("sentinel.detector.absence.default-grace must not be negative, was " + defaultGrace);
        }
        if (forgetAfter == null || forgetAfter.isNegative() || forgetAfter.isZero()) {
            throw new IllegalArgumentException("sentinel.detector.absence.forget-after must be positive, was " + forgetAfter);
        }
        stuckQueue = stuckQueue == null ? new StuckQueueSettings(null, null, null) : stuckQueue;
        staleMetrics = staleMetrics == null ? new StaleMetricSettings(null, null, null, null) : staleMetrics;
    }
}
