package io.sentinel.detector.latency;

import io.sentinel.runtime.settings.RuntimeSettings;
import io.sentinel.runtime.settings.SettingValues;
import io.sentinel.runtime.settings.SettingsView;
import io.sentinel.events.signal.MetricBatch;
import java.util.List;
import org.springframework.stereotype.Component;

/** The latency estimate in effect: as configured, or as the runtime setting {@value #SETTING} says. */
@Component
public final class LatencyEstimates {

    public static final String SETTING = "detector.latency.estimate";

    private final SettingsView<LatencyEstimate> estimate;

    public LatencyEstimates(LatencyEstimate configured, RuntimeSettings runtime, SettingValues values) {
        this.estimate = SettingsView.section(runtime, values, SETTING, LatencyEstimate.class, configured);
    }

    /** Estimates for the series of the batch that carry network figures but no measured latency. */
    public List<EstimatedLatency> of(MetricBatch batch) {
        return estimate.get().estimate(batch);
    }
}
