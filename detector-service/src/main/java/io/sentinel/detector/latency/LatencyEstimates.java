package io.sentinel.detector.latency;

import io.sentinel.events.settings.SettingContracts;
import io.sentinel.events.settings.detector.LatencyEstimateSetting;
import io.sentinel.events.signal.MetricBatch;
import io.sentinel.runtime.settings.RuntimeOverlay;
import io.sentinel.runtime.settings.SettingsView;
import java.util.List;
import org.springframework.stereotype.Component;

/** The latency estimate in effect: as configured, or as the runtime setting {@code detector.latency.estimate} says. */
@Component
public final class LatencyEstimates {

    private final SettingsView<LatencyEstimate> estimate;

    public LatencyEstimates(LatencyEstimateSetting configured, RuntimeOverlay overlay) {
        var setting = overlay.replacing(SettingContracts.LATENCY_ESTIMATE, configured);
        this.estimate = new SettingsView<>(overlay.settings(), () -> LatencyEstimate.of(setting.get()));
    }

    /** Estimates for the series of the batch that carry network figures but no measured latency. */
    public List<EstimatedLatency> of(MetricBatch batch) {
        return estimate.get().estimate(batch);
    }
}
