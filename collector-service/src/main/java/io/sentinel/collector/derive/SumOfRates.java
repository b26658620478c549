package io.sentinel.collector.derive;

import io.sentinel.collector.series.Sample;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code signal = sum without (sumOver) (rate(counter{sumOver=~matching}))}: e.g. requests per second
 * summed over status codes, or only the 5xx ones for errors per second, keeping every other label.
 *
 * <p>A group (the labels left once {@code sumOver} is removed) yields a value once any of its series
 * has a rate, and the value counts only the matching series: a service that serves requests and
 * reports no 5xx series has 0 errors per second, which is what lets an error-rate incident clear.
 * A series seen for the first time has no rate yet and adds nothing, as in Prometheus.
 *
 * @param matching a regular expression the whole value of {@code sumOver} must match (PromQL's
 *                 {@code =~}); null counts every series. A series without the label has value "".
 */
public record SumOfRates(String signal, String counter, String sumOver, String matching) implements Derivation {

    @Override
    public List<Sample> derive(SourceSeries series) {
        Pattern selected = matching == null ? null : Pattern.compile(matching);
        Map<Map<String, String>, Sum> groups = new LinkedHashMap<>();
        series.rates(counter).forEach(rate -> {
            Map<String, String> group = new HashMap<>(rate.labels());
            String value = group.remove(sumOver);
            Sum sum = groups.computeIfAbsent(Map.copyOf(group), labels -> new Sum());
            if (selected == null || selected.matcher(value == null ? "" : value).matches()) {
                sum.add(rate);
            } else {
                sum.timestamp = Timestamps.later(sum.timestamp, rate.timestamp());
            }
        });
        return groups.entrySet().stream().map(group -> new Sample(signal, group.getKey(), group.getValue().total, group.getValue().timestamp))
                .toList();
    }

    @Override
    public Set<String> counters() {
        return Set.of(counter);
    }

    private static final class Sum {
        private double total;
        private Instant timestamp;

        void add(Sample rate) {
            total += rate.value();
            timestamp = Timestamps.later(timestamp, rate.timestamp());
        }
    }
}
