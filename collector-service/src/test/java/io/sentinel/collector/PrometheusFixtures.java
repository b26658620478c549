package io.sentinel.collector;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The real exporter captures under {@code src/test/resources/fixtures/prometheus} (see the README there). */
public final class PrometheusFixtures {

    public static final String NODE_EXPORTER = "node-exporter-metrics.txt";
    public static final String NODE_EXPORTER_CPU_MEMORY = "node-exporter-metrics-cpu-mem.txt";
    public static final String QUERY_UP = "prom-query-up.json";
    public static final String QUERY_RANGE_UP = "prom-query-range.json";
    public static final String QUERY_RANGE_CPU = "prom-query-range-cpu.json";
    public static final String ALERTMANAGER_FIRING = "alertmanager-webhook.json";
    public static final String ALERTMANAGER_RESOLVED = "alertmanager-webhook-resolved.json";
    /** 1 - MemAvailable / MemTotal of {@link #NODE_EXPORTER_CPU_MEMORY}, computed by hand from its two lines. */
    public static final double NODE_EXPORTER_MEMORY_USAGE = 1 - 24_733_892_608.0 / 25_276_063_744.0;

    private PrometheusFixtures() {
    }

    public static byte[] bytes(String name) {
        return read(name).getBytes(StandardCharsets.UTF_8);
    }

    public static String read(String name) {
        try (InputStream in = PrometheusFixtures.class.getResourceAsStream("/fixtures/prometheus/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
