package io.sentinel.detector.baseline;

import io.sentinel.detector.limits.KeyLimits;
import io.sentinel.detector.rule.Conditions;
import io.sentinel.detector.rule.DetectionContext;
import io.sentinel.detector.rule.DetectionRule;
import io.sentinel.detector.rule.Finding;
import io.sentinel.events.signal.MetricBatch;
import io.sentinel.events.signal.MetricSample;
import io.sentinel.events.signal.SignalEvent;
import io.sentinel.events.settings.SettingContracts;
import io.sentinel.events.settings.detector.HourlyBaselineSetting;
import io.sentinel.runtime.settings.RuntimeOverlay;
import io.sentinel.runtime.settings.SettingsView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Rule {@value #RULE}: a rate this hour far above what the same series did in the hours of the last
 * seven days (see {@link SpikeFactors}). Every sample of a listed signal, backfilled history
 * included, adds to its series' hourly aggregate; live samples are then judged, by their own time.
 */
@Component
public final class HourlyBaselineRule implements DetectionRule {

    public static final String RULE = "hourly-baseline-spike";

    private final HourlyBaselines baselines;
    private final Conditions conditions;
    private final KeyLimits limits;
    private final SettingsView<HourlyBaselineSetting> settings;

    public HourlyBaselineRule(BaselineProperties configured, RuntimeOverlay overlay, HourlyBaselines baselines, Conditions conditions,
                              KeyLimits limits) {
        this.baselines = baselines;
        this.conditions = conditions;
        this.limits = limits;
        this.settings = overlay.replacing(SettingContracts.HOURLY_BASELINE, configured.hourly());
    }

    @Override
    public String family() {
        return RULE;
    }

    @Override
    public List<Finding> onSignal(SignalEvent signal, DetectionContext context) {
        if (!(signal instanceof MetricBatch batch)) {
            return List.of();
        }
        HourlyBaselineSetting current = settings.get();
        List<Conditions.Observed> observed = new ArrayList<>();
        boolean live = MetricOrigin.of(batch) == MetricOrigin.LIVE;
        Collection<MetricSeries> watched = MetricSeries.of(RULE, batch, current.signals());
        Set<String> tracked = baselines.tracked(context, watched.stream().map(MetricSeries::fingerprint).toList(), limits);
        for (MetricSeries series : watched) {
            if (!tracked.contains(series.fingerprint())) {
                continue;
            }
            baselines.add(context, series.fingerprint(), HourlyAggregate.byHour(series.samples(), MetricSample::at, MetricSample::value));
            if (live) {
                judge(SpikeFactors.of(current), batch, series, context).ifPresent(observed::add);
            }
        }
        return conditions.observeAll(observed, context);
    }

    /** Nothing to observe while the hour cannot be judged (no baseline yet, see {@link SpikeFactors#judge}). */
    private Optional<Conditions.Observed> judge(SpikeFactors factors, MetricBatch batch, MetricSeries series, DetectionContext context) {
        MetricSample latest = series.latest();
        Optional<HourlyReading> reading = baselines.read(context, series.fingerprint(), HourlyAggregation.MEAN, latest.at());
        Optional<SpikeVerdict> verdict = reading.flatMap(factors::judge);
        if (verdict.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Conditions.Observed(RULE, batch.resource(), series.identity(), series.labels(batch), verdict.get().level(),
                verdict.get().severity(), latest.name() + " on " + batch.resource() + " far above its usual level for the hour",
                factors.observation(latest.name(), latest.name() + " this hour", reading.get(), verdict.get()), latest.at(), Duration.ZERO, batch.target()));
    }
}
