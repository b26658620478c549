package io.sentinel.collector.derive;

import io.sentinel.collector.series.Sample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code signal = rate(counter) / (quota / period)}: CPU seconds used per second over the cores a
 * container may use, e.g. cAdvisor's {@code container_cpu_usage_seconds_total} over
 * {@code container_spec_cpu_quota / container_spec_cpu_period}. A container without a quota (absent
 * or not positive) has no ratio: "no limit" is not "infinitely busy".
 *
 * <p>Series are joined on identical labels ignoring {@code cpu}: cAdvisor labels the usage counter
 * {@code cpu="total"} but not the spec. Older cAdvisors also export per-CPU usage series
 * ({@code cpu="cpu00"}...), which would count the same seconds twice; only the total is used.
 */
public record RateOverQuota(String signal, String counter, String quota, String period) implements Derivation {

    private static final String CPU = "cpu";
    private static final String TOTAL = "total";

    @Override
    public List<Sample> derive(SourceSeries series) {
        Map<Map<String, String>, Sample> quotas = new HashMap<>();
        series.samples(quota).forEach(sample -> quotas.putIfAbsent(sample.labels(), sample));
        Map<Map<String, String>, Sample> periods = new HashMap<>();
        series.samples(period).forEach(sample -> periods.putIfAbsent(sample.labels(), sample));
        List<Sample> ratios = new ArrayList<>();
        series.rates(counter).forEach(rate -> {
            String cpu = rate.labels().get(CPU);
            if (cpu != null && !cpu.equals(TOTAL)) {
                return;
            }
            Map<String, String> labels = new HashMap<>(rate.labels());
            labels.remove(CPU);
            Sample limit = quotas.get(labels);
            Sample per = periods.get(labels);
            if (limit != null && per != null && limit.value() > 0 && per.value() > 0) {
                double cores = limit.value() / per.value();
                ratios.add(new Sample(signal, labels, rate.value() / cores,
                        Timestamps.later(rate.timestamp(), Timestamps.later(limit.timestamp(), per.timestamp()))));
            }
        });
        return ratios;
    }

    @Override
    public Set<String> counters() {
        return Set.of(counter);
    }
}
