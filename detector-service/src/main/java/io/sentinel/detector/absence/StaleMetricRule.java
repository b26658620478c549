package io.sentinel.detector.absence;

import io.sentinel.detector.baseline.MetricOrigin;
import io.sentinel.detector.baseline.MetricSeries;
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
import io.sentinel.events.settings.detector.StaleMetricSetting;
import io.sentinel.runtime.settings.RuntimeOverlay;
import io.sentinel.runtime.settings.SettingsView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Rule {@value #RULE}: a watched metric of a resource (per series) that arrived at least
 * {@code min-observations} times and then not for {@code stale-after}, by the detector's clock; it
 * clears when it arrives again. Series silent for {@code forget-after} are forgotten. Backfilled
 * history is not an arrival.
 */
@Component
public final class StaleMetricRule implements DetectionRule, ScheduledRule {

    public static final String RULE = "metric-stale";
    /** Series judged (and forgotten) per tick at most, so a tick stays short; the newest stale ones come first. */
    static final int PER_TICK = 500;
    private static final Logger log = LoggerFactory.getLogger(StaleMetricRule.class);

    private final Conditions conditions;
    private final KeyLimits limits;
    private final Duration forgetAfter;
    private final SettingsView<StaleMetricSetting> settings;

    public StaleMetricRule(AbsenceProperties configured, RuntimeOverlay overlay, Conditions conditions, KeyLimits limits) {
        this.conditions = conditions;
        this.limits = limits;
        this.forgetAfter = configured.forgetAfter();
        this.settings = overlay.replacing(SettingContracts.STALE_METRICS, configured.staleMetrics());
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
        StaleMetricSetting current = settings.get();
        MetricPresenceStore store = context.store(MetricPresenceStore.class);
        List<Conditions.Observed> arrivals = new ArrayList<>();
        List<MetricPresenceStore.Arrival> arrived = new ArrayList<>();
        Collection<MetricSeries> watched = MetricSeries.of(RULE, batch, current.signals());
        Set<String> known = watched.isEmpty() ? Set.of()
                : new HashSet<>(store.known(watched.stream().map(MetricSeries::fingerprint).toList()));
        for (MetricSeries series : watched) {
            if (!known.contains(series.fingerprint()) && !limits.admit(KeyFamily.WATCHED_SERIES)) {
                continue;
            }
            MetricSample latest = series.latest();
            Map<String, String> labels = series.labels(batch);
            arrived.add(new MetricPresenceStore.Arrival(series.fingerprint(), series.signal(), series.identity(), labels,
                    series.samples().size(), latest.at()));
            var observation = new Observation(series.signal(), latest.value(), null,
                    series.signal() + " from " + batch.resource() + " arrives again (sample at " + latest.at() + ")", latest.at());
            arrivals.add(observed(batch.resource(), series.identity(), labels, Level.CLEAR, current, series.signal(), observation,
                    batch.target()));
        }
        if (!arrived.isEmpty()) {
            store.arrivedAll(arrived, batch.resource(), batch.target(), context.now());
        }
        return conditions.observeAll(arrivals, context);
    }

    @Override
    public List<Finding> onTick(DetectionContext context) {
        StaleMetricSetting current = settings.get();
        Instant now = context.now();
        MetricPresenceStore store = context.store(MetricPresenceStore.class);
        List<Conditions.Observed> observed = new ArrayList<>();
        for (MetricPresence silent : store.silentSince(now.minus(forgetAfter), PER_TICK)) {
            store.forget(silent.series());
            log.info("metric series forgotten resource={} signal={} lastArrival={}", silent.resource(), silent.signal(),
                    silent.lastArrivalAt());
            var observation = new Observation(silent.signal(), null, null, silent.signal() + " from " + silent.resource()
                    + " is no longer watched: nothing since " + silent.lastSampleAt(), now);
            observed.add(observed(silent, Level.CLEAR, current, observation));
        }
        if (!current.signals().isEmpty()) {
            for (MetricPresence stale : store.staleSince(now.minus(current.staleAfter()), current.minObservations(), current.signals(),
                    PER_TICK)) {
                var observation = new Observation(stale.signal(), null, null, stale.signal() + " from " + stale.resource()
                        + " stopped arriving; last at " + stale.lastSampleAt() + " (received " + stale.lastArrivalAt() + ", nothing for "
                        + Duration.between(stale.lastArrivalAt(), now).withNanos(0) + ")", now);
                observed.add(observed(stale, Level.BREACHED, current, observation));
            }
        }
        return conditions.observeAll(observed, context);
    }

    private static Conditions.Observed observed(MetricPresence presence, Level level, StaleMetricSetting current, Observation observation) {
        // The target its batches named when they still arrived: the stale incident opens on a tick, long after them.
        return observed(presence.resource(), presence.identity(), presence.labels(), level, current, presence.signal(), observation,
                presence.target());
    }

    private static Conditions.Observed observed(String resource, Map<String, String> identity, Map<String, String> labels, Level level,
                                                StaleMetricSetting settings, String signal, Observation observation, String target) {
        return new Conditions.Observed(RULE, resource, identity, labels, level, settings.severity(),
                signal + " from " + resource + " stopped arriving", observation, observation.observedAt(), Duration.ZERO, target);
    }
}
