package io.sentinel.collector.derive;

import io.sentinel.collector.series.Sample;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code signal = 1 - avg without (cpu, mode) (rate(counter{mode="idle"}))}: how busy a host's CPUs
 * are, from node_exporter's {@code node_cpu_seconds_total}, the same figure as the Prometheus query
 * the collector uses for nodes. Clamped to [0, 1]: the rate of idle seconds of one CPU can exceed
 * 1 by a little when the scrapes' own timing jitters, and a usage ratio below 0 would be noise.
 */
public record OneMinusIdleRate(String signal, String counter) implements Derivation {

    private static final String CPU = "cpu";
    private static final String MODE = "mode";
    private static final String IDLE = "idle";

    @Override
    public List<Sample> derive(SourceSeries series) {
        Map<Map<String, String>, Average> hosts = new LinkedHashMap<>();
        series.rates(counter).filter(rate -> IDLE.equals(rate.labels().get(MODE))).forEach(rate -> {
            Map<String, String> host = new HashMap<>(rate.labels());
            host.remove(CPU);
            host.remove(MODE);
            hosts.computeIfAbsent(Map.copyOf(host), labels -> new Average()).add(rate);
        });
        return hosts.entrySet().stream()
                .map(host -> new Sample(signal, host.getKey(), Math.clamp(1 - host.getValue().value(), 0.0, 1.0), host.getValue().timestamp))
                .toList();
    }

    @Override
    public Set<String> counters() {
        return Set.of(counter);
    }

    private static final class Average {
        private double sum;
        private int count;
        private Instant timestamp;

        void add(Sample rate) {
            sum += rate.value();
            count++;
            timestamp = Timestamps.later(timestamp, rate.timestamp());
        }

        double value() {
            return sum / count;
        }
    }
}
