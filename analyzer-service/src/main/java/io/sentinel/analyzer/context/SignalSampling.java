package io.sentinel.analyzer.context;

import io.sentinel.events.signal.MetricBatch;
import io.sentinel.events.signal.MetricSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Which samples of a collection round the analyzer keeps: at most one point per series per
 * resolution step, and at most {@code maxSeriesPerBatch} series of one round. The collector may
 * send a round every few hundred milliseconds; an analysis looks at minutes, so nearly every sample
 * would be a write for nothing. Remembers the last step it kept per series (bounded, least recently
 * used forgotten first); after a restart a repeated step is dropped by the store instead.
 */
public final class SignalSampling {

    /** Longer series identities are cut: labels come from senders. */
    static final int MAX_SERIES_KEY = 300;

    private final long resolutionMillis;
    private final int maxSeriesPerBatch;
    private final Map<String, Long> lastStep;

    public SignalSampling(ContextProperties properties, int rememberedSeries) {
        this.resolutionMillis = properties.signalResolution().toMillis();
        this.maxSeriesPerBatch = properties.maxSeriesPerBatch();
        this.lastStep = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > rememberedSeries;
            }
        };
    }

    /** The points of this round worth storing; each point's {@code at} is the start of its step. */
    public synchronized List<SeriesPoint> keep(MetricBatch batch) {
        List<MetricSample> samples = batch.samples().stream()
                .sorted(Comparator.comparing(MetricSample::name))
                .limit(maxSeriesPerBatch)
                .toList();
        List<SeriesPoint> kept = new ArrayList<>();
        for (MetricSample sample : samples) {
            String series = seriesKey(sample);
            long step = Math.floorDiv(sample.at().toEpochMilli(), resolutionMillis);
            Long last = lastStep.get(batch.resource() + '\u0000' + series);
            if (last != null && last >= step) {
                continue;
            }
            lastStep.put(batch.resource() + '\u0000' + series, step);
            kept.add(new SeriesPoint(series, sample.name(), Instant.ofEpochMilli(step * resolutionMillis), sample.value()));
        }
        return kept;
    }

    static String seriesKey(MetricSample sample) {
        String key = sample.labels().isEmpty() ? sample.name() : sample.name() + new TreeMap<>(sample.labels()).entrySet().stream()
                .map(label -> label.getKey() + "=\"" + label.getValue() + "\"")
                .collect(Collectors.joining(",", "{", "}"));
        return key.length() <= MAX_SERIES_KEY ? key : key.substring(0, MAX_SERIES_KEY);
    }
}
