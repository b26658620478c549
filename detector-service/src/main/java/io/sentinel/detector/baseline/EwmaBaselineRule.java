package io.sentinel.detector.baseline;

import io.sentinel.detector.limits.KeyFamily;
import io.sentinel.detector.limits.KeyLimits;
import io.sentinel.detector.rule.Conditions;
import io.sentinel.detector.rule.DetectionContext;
import io.sentinel.detector.rule.DetectionRule;
import io.sentinel.detector.rule.Finding;
import io.sentinel.detector.rule.Level;
import io.sentinel.events.incident.Observation;
import io.sentinel.events.incident.Severity;
import io.sentinel.events.signal.MetricBatch;
import io.sentinel.events.signal.MetricSample;
import io.sentinel.events.signal.SignalEvent;
import io.sentinel.events.settings.SettingContracts;
import io.sentinel.runtime.settings.RuntimeOverlay;
import io.sentinel.runtime.settings.SettingsView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Rule {@value #RULE}: a metric more than {@code k} standard deviations above its exponentially
 * weighted mean for {@code for}, once {@code min-samples} were learned; clears below {@code clear-k}.
 * Values that breach are not learned from, so a lasting anomaly does not become its own baseline.
 * Backfilled history only teaches; live samples are judged by their own time.
 */
@Component
public final class EwmaBaselineRule implements DetectionRule {

    public static final String RULE = "ewma-baseline-deviation";
    private static final Logger log = LoggerFactory.getLogger(EwmaBaselineRule.class);

    private final Conditions conditions;
    private final KeyLimits limits;
    private final SettingsView<EwmaBaseline> settings;

    public EwmaBaselineRule(BaselineProperties configured, RuntimeOverlay overlay, Conditions conditions, KeyLimits limits) {
        this.conditions = conditions;
        this.limits = limits;
        var setting = overlay.replacing(SettingContracts.EWMA_BASELINE, configured.ewma());
        this.settings = new SettingsView<>(overlay.settings(), () -> EwmaBaseline.of(setting.get()));
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
        EwmaBaseline current = settings.get();
        List<Conditions.Observed> observed = new ArrayList<>();
        boolean live = MetricOrigin.of(batch) == MetricOrigin.LIVE;
        Instant latestAllowed = context.now().plus(HourlyBaselines.MAX_AHEAD);
        Collection<MetricSeries> watched = MetricSeries.of(RULE, batch, current.signals());
        if (watched.isEmpty()) {
            return List.of();
        }
        EwmaStore store = context.store(EwmaStore.class);
        Map<String, EwmaState> stored = new HashMap<>();
        store.findAll(watched.stream().map(MetricSeries::fingerprint).toList())
                .forEach(row -> stored.put(row.series(), row.state()));
        List<EwmaStore.Learned> learned = new ArrayList<>();
        for (MetricSeries series : watched) {
            EwmaState state = stored.get(series.fingerprint());
            if (state == null && !limits.admit(KeyFamily.EWMA_SERIES)) {
                continue;
            }
            EwmaState before = state;
            List<MetricSample> samples = series.samples().stream().sorted(Comparator.comparing(MetricSample::at)).toList();
            for (MetricSample sample : samples) {
                if (state != null && !sample.at().isAfter(state.lastSampleAt())) {
                    continue;
                }
                if (sample.at().isAfter(latestAllowed)) {
                    log.warn("dropping a sample dated in the future series=\"{}\" at={} now={}", series.fingerprint(), sample.at(),
                            context.now());
                    continue;
                }
                Optional<EwmaVerdict> verdict = current.judge(state, sample.value());
                if (live && verdict.isPresent()) {
                    observed.add(observed(current, batch, series, sample, verdict.get()));
                }
                state = current.next(state, sample.value(), sample.at(), verdict);
            }
            if (state != null && state != before) {
                learned.add(EwmaStore.Learned.of(series.fingerprint(), batch.resource(), series.signal(), state));
            }
        }
        if (!learned.isEmpty()) {
            store.saveAll(learned, context.now());
        }
        return conditions.observeAll(observed, context);
    }

    private static Conditions.Observed observed(EwmaBaseline settings, MetricBatch batch, MetricSeries series, MetricSample sample,
                                                EwmaVerdict verdict) {
        boolean clear = verdict.level() == Level.CLEAR;
        double reference = verdict.mean() + (clear ? settings.clearK() : settings.k()) * verdict.stddev();
        String detail = String.format(Locale.ROOT, "%s %.4g is %.1fσ above its EWMA baseline %.4g (σ %.3g); %s", sample.name(),
                sample.value(), verdict.deviations(), verdict.mean(), verdict.stddev(),
                clear ? "below the clear level of " + settings.clearK() + "σ" : "fires above " + settings.k() + "σ held for " + settings.holdFor());
        return new Conditions.Observed(RULE, batch.resource(), series.identity(), series.labels(batch), verdict.level(), Severity.WARNING,
                sample.name() + " on " + batch.resource() + " far above its usual level",
                new Observation(sample.name(), sample.value(), reference, detail, sample.at()), sample.at(), settings.holdFor(), batch.target());
    }
}
