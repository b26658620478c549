package io.sentinel.detector.absence;

import io.sentinel.events.settings.detector.HeartbeatSetting;
import io.sentinel.events.settings.detector.StaleMetricSetting;
import io.sentinel.events.settings.detector.StuckQueueSetting;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Absence rules, from {@code sentinel.detector.absence}: heartbeats, stuck queues, metrics that
 * stopped arriving. The runtime settings {@code detector.absence.heartbeats}, {@code .default-grace},
 * {@code .stuck-queue} and {@code .stale-metrics} replace theirs while they exist.
 *
 * @param heartbeats   heartbeats expected even when their beats do not say how often
 * @param defaultGrace grace for a heartbeat that neither its beats nor its configuration give one; unset: 10% of
 *                     its {@code every}, at least a minute
 * @param forgetAfter  heartbeats nobody configured, queues and metric series not heard of for this long are
 *                     forgotten (and any incident of theirs resolved); keeps the tables bounded (configuration only)
 */
@ConfigurationProperties("sentinel.detector.absence")
public record AbsenceProperties(List<HeartbeatSetting> heartbeats, Duration defaultGrace, @DefaultValue("7d") Duration forgetAfter,
                                StuckQueueSetting stuckQueue, StaleMetricSetting staleMetrics) {

    public AbsenceProperties {
        try {
            heartbeats = HeartbeatSetting.checkList(heartbeats);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sentinel.detector.absence.heartbeats: " + e.getMessage(), e);
        }
        try {
            HeartbeatSetting.checkDefaultGrace(defaultGrace);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sentinel.detector.absence." + e.getMessage(), e);
        }
        if (forgetAfter == null || !forgetAfter.isPositive()) {
            throw new IllegalArgumentException("sentinel.detector.absence.forget-after must be positive, was " + forgetAfter);
        }
        stuckQueue = stuckQueue == null ? StuckQueueSetting.DEFAULTS : stuckQueue;
        staleMetrics = staleMetrics == null ? StaleMetricSetting.DEFAULTS : staleMetrics;
    }
}
