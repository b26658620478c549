package io.sentinel.local.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The metrics that Sentinel's Grafana dashboards and Prometheus alert rules query, read from
 * whatever files exist under {@code deploy/}: dashboards' {@code expr} fields, rule files'
 * {@code expr} fields (recorded series they define themselves excluded), and the {@code expr:} lines
 * of any PrometheusRule written inline in the Helm chart's templates.
 */
final class MetricReferences {

    /** A PromQL query and where it was found. */
    record Query(String where, String expr) {
    }

    /** A metric a query reads only from the given service ({@code service="..."} in its selector). */
    record ServiceSelector(String metric, String service) {
    }

    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{([^}]*)}");
    private static final Pattern SERVICE_MATCHER = Pattern.compile("(?:^|,)\\s*service\\s*=\\s*\"([^\"]*)\"");
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right", "and", "or",
            "unless", "bool", "offset", "inf", "nan", "start", "end", "atan2");
    private static final Pattern INLINE_EXPR = Pattern.compile("^(\\s*)expr:\\s*(.*)$");

    private MetricReferences() {
    }

    /** Every query under {@code deploy}, in a stable order. */
    static List<Query> queries(Path deploy) {
        List<Query> queries = new ArrayList<>();
        for (Path file : files(deploy)) {
            String name = file.getFileName().toString();
            String text = read(file);
            String where = deploy.relativize(file).toString();
            if (name.endsWith(".json")) {
                collect(yaml().load(text), "expr", where, queries);
            } else if (file.toString().contains("/templates/")) {
                if (text.contains("PrometheusRule")) {
                    inlineExprs(text).forEach(expr -> queries.add(new Query(where, expr)));
                }
            } else {
                ruleFiles(text).forEach(document -> collect(document, "expr", where, queries));
            }
        }
        return queries;
    }

    /** The series that rule files under {@code deploy} record themselves: queries may read them, no service exports them. */
    static Set<String> recorded(Path deploy) {
        Set<String> recorded = new TreeSet<>();
        for (Path file : files(deploy)) {
            if (!file.toString().endsWith(".json") && !file.toString().contains("/templates/")) {
                List<Query> records = new ArrayList<>();
                ruleFiles(read(file)).forEach(document -> collect(document, "record", "", records));
                records.forEach(record -> recorded.add(record.expr().trim()));
            }
        }
        return recorded;
    }

    /** Metric name → where it is queried, for every query. */
    static Map<String, Set<String>> metrics(List<Query> queries) {
        Map<String, Set<String>> metrics = new TreeMap<>();
        for (Query query : queries) {
            for (String metric : metricNames(query.expr())) {
                metrics.computeIfAbsent(metric, name -> new LinkedHashSet<>()).add(query.where());
            }
        }
        return metrics;
    }

    /**
     * The metric names a query reads: identifiers left once strings, label matchers, range and
     * subquery brackets, grouping clauses and dashboard variables are taken out, that are not
     * followed by an opening parenthesis (functions, aggregations) and are not keywords or numbers.
     */
    static Set<String> metricNames(String expr) {
        String bare = withoutStrings(expr)
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("(?i)\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\$\\{[^}]*}|\\$[a-zA-Z_][a-zA-Z0-9_]*|\\[\\[[^]]*]]", " ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(bare);
        while (identifier.find()) {
            String name = identifier.group();
            if (identifier.start() > 0 && Character.isDigit(bare.charAt(identifier.start() - 1))) {
                continue; // the unit or exponent of a number: 5m, 1e3
            }
            int after = identifier.end();
            while (after < bare.length() && Character.isWhitespace(bare.charAt(after))) {
                after++;
            }
            boolean function = after < bare.length() && bare.charAt(after) == '(';
            if (!function && !KEYWORDS.contains(name.toLowerCase())) {
                names.add(name);
            }
        }
        return names;
    }

    /** Metrics selected with a literal {@code service="..."} matcher: that service must export them. */
    static Set<ServiceSelector> serviceSelectors(String expr) {
        Set<ServiceSelector> selectors = new LinkedHashSet<>();
        Matcher selector = SELECTOR.matcher(expr);
        while (selector.find()) {
            Matcher service = SERVICE_MATCHER.matcher(selector.group(2));
            if (service.find()) {
                selectors.add(new ServiceSelector(selector.group(1), service.group(1)));
            }
        }
        return selectors;
    }

    /** The metric names in a Prometheus text exposition (what /actuator/prometheus serves). */
    static Set<String> exposed(String exposition) {
        Set<String> names = new TreeSet<>();
        exposition.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).forEach(line -> {
            Matcher name = IDENTIFIER.matcher(line);
            if (name.lookingAt()) {
                names.add(name.group());
            }
        });
        return names;
    }

    private static String withoutStrings(String expr) {
        return expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"|'(\\\\.|[^'\\\\])*'|`[^`]*`", "\"\"");
    }

    private static List<Path> files(Path deploy) {
        List<Path> files = new ArrayList<>();
        for (String directory : List.of("grafana", "prometheus", "helm/sentinel/files", "helm/sentinel/templates")) {
            Path root = deploy.resolve(directory);
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile)
                        .filter(path -> path.toString().endsWith(".json") || path.toString().endsWith(".yaml")
                                || path.toString().endsWith(".yml"))
                        .sorted()
                        .forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    /** The documents of a YAML file that are Prometheus rule files (a {@code groups} list), not rule tests or values. */
    private static List<Object> ruleFiles(String text) {
        List<Object> documents = new ArrayList<>();
        for (Object document : yaml().loadAll(text)) {
            if (document instanceof Map<?, ?> map && map.get("groups") instanceof List<?>) {
                documents.add(document);
            }
        }
        return documents;
    }

    private static void collect(Object node, String field, String where, List<Query> into) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if (field.equals(key) && value instanceof String text) {
                    into.add(new Query(where, text));
                } else {
                    collect(value, field, where, into);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collect(item, field, where, into));
        }
    }

    /** {@code expr:} values in a Helm template (not YAML until rendered): one line, or an indented block. */
    static List<String> inlineExprs(String template) {
        List<String> exprs = new ArrayList<>();
        List<String> lines = template.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            Matcher expr = INLINE_EXPR.matcher(lines.get(i));
            if (!expr.matches()) {
                continue;
            }
            String value = expr.group(2).trim();
            if (!value.isEmpty() && !value.startsWith("|") && !value.startsWith(">")) {
                exprs.add(value.replaceAll("^['\"]|['\"]$", ""));
                continue;
            }
            int indent = expr.group(1).length();
            StringBuilder block = new StringBuilder();
            for (int j = i + 1; j < lines.size(); j++) {
                String line = lines.get(j);
                if (!line.isBlank() && line.length() - line.stripLeading().length() <= indent) {
                    break;
                }
                block.append(line.strip()).append(' ');
            }
            exprs.add(block.toString().trim());
        }
        return exprs;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(16 * 1024 * 1024);
        return new Yaml(options);
    }

    /** Keeps insertion order for the report of what is missing. */
    static Map<String, Set<String>> missing(Map<String, Set<String>> referenced, Set<String> exported) {
        Map<String, Set<String>> missing = new LinkedHashMap<>();
        referenced.forEach((metric, where) -> {
            if (!exported.contains(metric)) {
                missing.put(metric, where);
            }
        });
        return missing;
    }
}
