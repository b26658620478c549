package io.sentinel.bench.analysis;

import io.sentinel.events.analysis.Risk;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reads the labelled scenarios, failing on the first file that does not say all a scenario must. */
final class Scenarios {

    private static final YAMLMapper YAML = YAMLMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private Scenarios() {
    }

    static List<Scenario> load(String location) throws IOException {
        Resource[] files = new PathMatchingResourcePatternResolver().getResources(location + "*.yaml");
        List<Scenario> scenarios = new ArrayList<>();
        for (Resource file : files) {
            try (InputStream in = file.getInputStream()) {
                scenarios.add(read(file.getFilename(), YAML.readTree(in)));
            } catch (RuntimeException e) {
                throw new IllegalStateException("scenario " + file.getFilename() + " is unusable: " + e.getMessage(), e);
            }
        }
        scenarios.sort(Comparator.comparing(Scenario::file));
        return scenarios;
    }

    private static Scenario read(String file, JsonNode node) {
        JsonNode expected = require(node, "expected", file);
        JsonNode playbook = expected.get("playbook");
        Scenario.Expected labelled = new Scenario.Expected(playbook == null || playbook.isNull() ? null : playbook.asString(),
                Risk.valueOf(require(expected, "risk", file).asString()));
        return new Scenario(file, require(node, "name", file).asString(), node.path("class").asString("other"),
                node.hasNonNull("target") ? node.get("target").asString() : null,
                node.hasNonNull("environment") ? node.get("environment").asString() : null,
                node.hasNonNull("kubernetes") ? YAML.treeToValue(node.get("kubernetes"), Scenario.Kubernetes.class) : null,
                YAML.treeToValue(require(node, "incident", file), Scenario.Incident.class),
                node.hasNonNull("series") ? List.of(YAML.treeToValue(node.get("series"), Double[].class)) : List.of(),
                node.hasNonNull("logs") ? List.of(YAML.treeToValue(node.get("logs"), Scenario.Log[].class)) : List.of(),
                node.hasNonNull("traces") ? List.of(YAML.treeToValue(node.get("traces"), Scenario.Trace[].class)) : List.of(),
                labelled);
    }

    private static JsonNode require(JsonNode node, String field, String file) {
        if (!node.hasNonNull(field)) {
            throw new IllegalStateException("scenario " + file + " has no '" + field + "'");
        }
        return node.get(field);
    }

    /** The scenarios per class, for the report. */
    static Map<String, Long> classes(List<Scenario> scenarios) {
        return scenarios.stream().collect(java.util.stream.Collectors.groupingBy(Scenario::scenarioClass, java.util.TreeMap::new,
                java.util.stream.Collectors.counting()));
    }
}
