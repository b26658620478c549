package io.sentinel.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The PromQL that Sentinel's dashboards (deploy/grafana) and alert rules (deploy/prometheus) run, and
 * the metric names in it; and the names the services' code registers with Micrometer, as Prometheus
 * shows them.
 */
final class MetricQueries {

    static final Path GRAFANA = SentinelChart.REPOSITORY.resolve("deploy/grafana");
    static final Path RULES = SentinelChart.REPOSITORY.resolve("deploy/prometheus/sentinel-rules.yaml");

    /**
     * Metrics Spring Boot, Micrometer and the Kafka binder export by themselves (not registered in
     * Sentinel's code), each one the dashboards use.
     */
    static final Set<String> FRAMEWORK = Set.of(
            "jvm_memory_used_bytes",                    // Micrometer JvmMemoryMetrics
            "process_cpu_usage",                        // Micrometer ProcessorMetrics
            "http_server_requests_seconds_count",       // Spring MVC observations
            "spring_cloud_stream_binder_kafka_offset",  // Kafka binder: records a group has yet to consume
            "kafka_consumer_fetch_manager_records_lag"); // Kafka's consumer metrics, bound by Spring Kafka

    private static final Pattern METER = Pattern.compile(
            "(Counter|Timer|Gauge|DistributionSummary)\\.builder\\(\\s*\"(sentinel\\.[a-z0-9_.]+)\"|\\.(counter|timer|gauge)\\(\\s*\"(sentinel\\.[a-z0-9_.]+)\"");
    private static final Pattern BASE_UNIT = Pattern.compile("\\.baseUnit\\(\\s*\"([a-z]+)\"");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> PROMQL_WORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right", "and", "or",
            "unless", "bool", "offset", "inf", "nan");

    private MetricQueries() {
    }

    /** Every query, keyed by where it is (dashboard file and panel title, or alert name). */
    static Map<String, String> all() {
        Map<String, String> queries = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(GRAFANA)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".json")).sorted().toList()) {
                Map<String, Object> dashboard = SentinelChart.yaml().load(SentinelChart.read(file));
                for (Map<String, Object> panel : Manifest.<Map<String, Object>>list(dashboard, "panels")) {
                    List<Map<String, Object>> targets = Manifest.list(panel, "targets");
                    for (Map<String, Object> target : targets) {
                        queries.put(file.getFileName() + " / " + panel.get("title") + " / " + target.get("refId"), (String) target.get("expr"));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> rules = SentinelChart.yaml().load(SentinelChart.read(RULES));
        for (Map<String, Object> group : Manifest.<Map<String, Object>>list(rules, "groups")) {
            for (Map<String, Object> rule : Manifest.<Map<String, Object>>list(group, "rules")) {
                queries.put("sentinel-rules.yaml / " + rule.get("alert"), String.valueOf(rule.get("expr")));
            }
        }
        return queries;
    }

    /** The metric names a query reads: identifiers outside label matchers, ranges and strings that are not functions or keywords. */
    static Set<String> metricNames(String query) {
        String bare = query.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\$[a-zA-Z_]+", " ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(bare);
        while (identifier.find()) {
            String name = identifier.group();
            int after = identifier.end();
            while (after < bare.length() && Character.isWhitespace(bare.charAt(after))) {
                after++;
            }
            boolean function = after < bare.length() && bare.charAt(after) == '(';
            if (!function && !PROMQL_WORDS.contains(name.toLowerCase()) && !name.matches("[0-9].*")) {
                names.add(name);
            }
        }
        return names;
    }

    /** The series names Prometheus shows for every meter Sentinel's services register in their code. */
    static Set<String> exportedBySentinel() {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> modules = Files.list(SentinelChart.REPOSITORY)) {
            List<Path> java = new ArrayList<>();
            for (Path module : modules.map(directory -> directory.resolve("src/main/java")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> sources = Files.walk(module)) {
                    sources.filter(path -> path.toString().endsWith(".java")).forEach(java::add);
                }
            }
            for (Path file : java) {
                String source = SentinelChart.read(file);
                Matcher meter = METER.matcher(source);
                while (meter.find()) {
                    String kind = meter.group(1) != null ? meter.group(1) : meter.group(3);
                    String name = (meter.group(2) != null ? meter.group(2) : meter.group(4)).replace('.', '_');
                    // A base unit set on the builder ends the name, as Micrometer's Prometheus convention writes it.
                    int end = source.indexOf(';', meter.end());
                    Matcher unit = BASE_UNIT.matcher(source.substring(meter.end(), end < 0 ? source.length() : end));
                    if (unit.find() && !name.endsWith("_" + unit.group(1))) {
                        name = name + "_" + unit.group(1);
                    }
                    names.addAll(prometheusNames(kind.toLowerCase(), name));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** Micrometer's Prometheus naming: counters end in _total, timers in seconds with _count, _sum, _max and (histogram) _bucket. */
    private static List<String> prometheusNames(String kind, String name) {
        List<String> names = new ArrayList<>();
        switch (kind) {
            case "counter" -> names.add(name + "_total");
            case "timer" -> {
                for (String suffix : List.of("_count", "_sum", "_max", "_bucket")) {
                    names.add(name + "_seconds" + suffix);
                }
            }
            case "distributionsummary" -> {
                for (String suffix : List.of("_count", "_sum", "_max", "_bucket")) {
                    names.add(name + suffix);
                }
            }
            default -> names.add(name);
        }
        return names;
    }
}
