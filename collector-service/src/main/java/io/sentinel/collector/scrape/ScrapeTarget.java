package io.sentinel.collector.scrape;

import io.sentinel.collector.series.Sample;
import io.sentinel.collector.series.SeriesNames;
import io.sentinel.events.signal.MetricBatch;
import io.sentinel.events.target.TargetRef;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An endpoint serving Prometheus exposition text, and the resource it stands for.
 *
 * @param name   the resource id its signals are published under (and keyed by)
 * @param labels labels identifying the resource (environment, service ...), added to every batch
 * @param target the inventory target its batches name ({@link MetricBatch#target()}); the name by
 *               default. From this configuration only: nothing the endpoint serves can change it
 */
public record ScrapeTarget(String name, URI url, Map<String, String> labels, String target) {

    /** {@link MetricBatch#source()} of everything scraped. */
    public static final String SOURCE = "scrape";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    public ScrapeTarget {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        target = target == null || target.isBlank() ? name : target;
    }

    /**
     * {@code host:port} of the URL, with the scheme's default port when the URL has none, as
     * Prometheus labels what it scrapes.
     */
    public String instance() {
        int port = url.getPort() != -1 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        return url.getHost() + ':' + port;
    }

    /** The configured labels, plus {@code instance} unless the configuration set it. */
    public Map<String, String> resourceLabels() {
        Map<String, String> resource = new HashMap<>(labels);
        resource.putIfAbsent("instance", instance());
        return resource;
    }

    /** The batch to publish for one scrape; none when the scrape yielded no signals. */
    public Optional<MetricBatch> batch(Instant scrapedAt, List<Sample> signals) {
        if (signals.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new MetricBatch(SOURCE, name, resourceLabels(), scrapedAt,
                signals.stream().map(sample -> sample.toMetricSample(scrapedAt)).toList(), target));
    }

    /** @param property where the target was configured, e.g. {@code sentinel.collector.scrape.targets[1]} */
    void validate(String property) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(property + ".name must be lowercase letters, digits and dashes (it is the resource id), was '"
                    + name + "'");
        }
        if (target == null || !TargetRef.NAME.matcher(target).matches()) {
            throw new IllegalArgumentException(property + ".target (by default the name) must be an inventory target name: 1 to 63 "
                    + "lowercase letters, digits, '.' and '-', starting and ending with a letter or digit, was '" + target + "'");
        }
        if (url == null || !url.isAbsolute() || url.getHost() == null
                || !("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()))) {
            throw new IllegalArgumentException(property + ".url must be an absolute http or https URL with a host, was '" + url + "'");
        }
        if (url.getRawUserInfo() != null) {
            // Echoing the URL would print the password this check is about.
            throw new IllegalArgumentException(property + ".url must not carry credentials");
        }
        for (String label : labels.keySet()) {
            if (!SeriesNames.isLabelName(label)) {
                throw new IllegalArgumentException(property + ".labels: '" + label
                        + "' is not a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*)");
            }
        }
    }
}
