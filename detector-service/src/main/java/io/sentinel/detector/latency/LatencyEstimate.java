package io.sentinel.detector.latency;

import io.sentinel.events.settings.detector.LatencyEstimateSetting;
import io.sentinel.events.signal.MetricBatch;
import io.sentinel.events.signal.MetricSample;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A request latency for resources that expose no latency histogram, from what their network does:
 * {@code base + per-megabyte × MB/s received and sent + per-error × network errors/s} (MB = 10^6
 * bytes), in seconds. Crude, and labelled {@code estimated="true"} so nobody mistakes it for a
 * measurement; it lets the latency rules see a saturated or erroring link at all. Configured under
 * {@code sentinel.detector.latency.estimate}, replaced at runtime by the setting
 * {@code detector.latency.estimate} (see {@link LatencyEstimateSetting}, whose values this applies). Pure.
 */
public record LatencyEstimate(boolean enabled, double baseSeconds, double secondsPerMegabytePerSecond, double secondsPerErrorPerSecond) {

    public static final String LATENCY = "http_request_latency_seconds";
    public static final String RECEIVED = "network_receive_bytes_per_second";
    public static final String SENT = "network_transmit_bytes_per_second";
    public static final String ERRORS = "network_errors_per_second";
    public static final String ESTIMATED_LABEL = "estimated";
    private static final double BYTES_PER_MEGABYTE = 1_000_000;

    public static LatencyEstimate of(LatencyEstimateSetting setting) {
        return new LatencyEstimate(setting.enabled(), setting.baseSeconds(), setting.secondsPerMegabytePerSecond(),
                setting.secondsPerErrorPerSecond());
    }

    /**
     * One estimate per series (label set) of the network signals in the batch that has no measured
     * latency: a measured latency with the same labels covers its series, one without labels the whole
     * resource. A batch is one resource's collection round, so "measured" means measured in this round.
     */
    public List<EstimatedLatency> estimate(MetricBatch batch) {
        if (!enabled) {
            return List.of();
        }
        Set<Map<String, String>> measured = new HashSet<>();
        Map<Map<String, String>, Inputs> inputs = new LinkedHashMap<>();
        for (MetricSample sample : batch.samples()) {
            switch (sample.name()) {
                case LATENCY -> measured.add(sample.labels());
                case RECEIVED, SENT, ERRORS -> inputs.computeIfAbsent(sample.labels(), labels -> new Inputs()).add(sample);
                default -> { }
            }
        }
        if (measured.contains(Map.of())) {
            return List.of();
        }
        List<EstimatedLatency> estimates = new ArrayList<>();
        inputs.forEach((labels, series) -> {
            if (!measured.contains(labels)) {
                estimates.add(series.estimate(labels));
            }
        });
        return estimates;
    }

    /** The formula, in seconds. Pure. */
    public double seconds(double receivedBytesPerSecond, double sentBytesPerSecond, double errorsPerSecond) {
        return baseSeconds + secondsPerMegabytePerSecond * (receivedBytesPerSecond + sentBytesPerSecond) / BYTES_PER_MEGABYTE
                + secondsPerErrorPerSecond * errorsPerSecond;
    }

    /** "estimated: 25 ms + 2 ms per MB/s + 100 ms per error/s". */
    public String formula() {
        return "estimated: " + milliseconds(baseSeconds) + " ms + " + milliseconds(secondsPerMegabytePerSecond) + " ms per MB/s + "
                + milliseconds(secondsPerErrorPerSecond) + " ms per error/s";
    }

    private static String milliseconds(double seconds) {
        return new BigDecimal(seconds * 1000).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /** One series' inputs; a signal missing from the round counts as zero, a repeated one by its latest sample. */
    private final class Inputs {

        private final Map<String, MetricSample> latest = new HashMap<>();

        void add(MetricSample sample) {
            latest.merge(sample.name(), sample, (older, newer) -> newer.at().isAfter(older.at()) ? newer : older);
        }

        EstimatedLatency estimate(Map<String, String> labels) {
            double received = value(RECEIVED);
            double sent = value(SENT);
            double errors = value(ERRORS);
            Instant at = latest.values().stream().map(MetricSample::at).max(Instant::compareTo).orElseThrow();
            Map<String, String> estimatedLabels = new HashMap<>(labels);
            estimatedLabels.put(ESTIMATED_LABEL, "true");
            String explanation = formula() + String.format(Locale.ROOT, " (received %.3g MB/s + sent %.3g MB/s, %.3g errors/s)",
                    received / BYTES_PER_MEGABYTE, sent / BYTES_PER_MEGABYTE, errors);
            return new EstimatedLatency(new MetricSample(LATENCY, estimatedLabels, seconds(received, sent, errors), at), explanation);
        }

        private double value(String signal) {
            MetricSample sample = latest.get(signal);
            return sample == null ? 0 : sample.value();
        }
    }
}
