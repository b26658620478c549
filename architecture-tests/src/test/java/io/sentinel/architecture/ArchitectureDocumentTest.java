package io.sentinel.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docs/architecture.md against the code: the modules it lists are the build's modules, and the topics
 * it says each service consumes are the topics its bindings read. A change to either fails here until
 * the other follows.
 */
class ArchitectureDocumentTest {

    private static final Path ROOT = Path.of("..");
    private static final Map<String, String> SERVICE_MODULES = new LinkedHashMap<>();
    private static final Pattern TOPIC = Pattern.compile("sentinel\\.([a-z]+)\\.v\\d+");

    static {
        for (String service : List.of("collector", "detector", "analyzer", "policy", "executor", "notifier")) {
            SERVICE_MODULES.put(service, service + "-service");
        }
        SERVICE_MODULES.put("gateway", "gateway");
    }

    @Test
    void theModulesTableListsExactlyTheBuildsModules() throws IOException {
        Set<String> built = new TreeSet<>();
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(ROOT.resolve("pom.xml")));
        while (module.find()) {
            built.add(module.group(1));
        }

        assertThat(documentedModules()).as("the Modules table of docs/architecture.md").isEqualTo(built);
    }

    @Test
    void eachServiceConsumesTheTopicsTheDocumentSays() throws IOException {
        Map<String, Set<String>> documented = documentedConsumption();

        assertThat(documented.keySet()).as("services in docs/architecture.md").isEqualTo(SERVICE_MODULES.keySet());
        SERVICE_MODULES.forEach((service, module) -> assertThat(documented.get(service))
                .as("topics %s consumes, by docs/architecture.md and by %s.yaml", service, service)
                .isEqualTo(boundTopics(service, module)));
    }

    private static Set<String> documentedModules() throws IOException {
        String section = section("## Modules");
        Set<String> modules = new TreeSet<>();
        for (String row : section.split("\n")) {
            Matcher name = Pattern.compile("^\\| `([a-z0-9/-]+)`").matcher(row);
            if (name.find()) {
                modules.add(name.group(1));
            }
        }
        return modules;
    }

    /** The services table: per service, the topic families in backticks in its "consumes" column. */
    private static Map<String, Set<String>> documentedConsumption() throws IOException {
        Map<String, Set<String>> consumption = new LinkedHashMap<>();
        for (String row : section("## Services").split("\n")) {
            String[] cells = row.split("\\|");
            if (cells.length < 4 || !SERVICE_MODULES.containsKey(cells[1].strip())) {
                continue;
            }
            Set<String> topics = new TreeSet<>();
            Matcher family = Pattern.compile("`(signals|incidents|analyses|decisions|approvals|executions|config|questions|answers)`")
                    .matcher(cells[2]);
            while (family.find()) {
                topics.add(family.group(1));
            }
            if (cells[2].contains("every topic")) {
                topics.addAll(List.of("incidents", "analyses", "decisions", "approvals", "executions", "config"));
            }
            consumption.put(cells[1].strip(), topics);
        }
        return consumption;
    }

    /** The topic families a service's function bindings read, from its YAML (config comes from the shared defaults). */
    @SuppressWarnings("unchecked")
    private static Set<String> boundTopics(String service, String module) {
        Path yamlFile = ROOT.resolve(module).resolve("src/main/resources/" + service + ".yaml");
        Map<String, Object> yaml;
        try {
            yaml = new Yaml().load(Files.readString(yamlFile));
        } catch (IOException e) {
            throw new AssertionError("cannot read " + yamlFile, e);
        }
        Map<String, Object> spring = (Map<String, Object>) yaml.getOrDefault("spring", Map.of());
        Map<String, Object> cloud = (Map<String, Object>) spring.getOrDefault("cloud", Map.of());
        Map<String, Object> functions = (Map<String, Object>) cloud.getOrDefault("function", Map.of());
        String definition = String.valueOf(functions.getOrDefault("definition", ""));
        Map<String, Object> bindings = cloud.containsKey("stream")
                ? (Map<String, Object>) ((Map<String, Object>) cloud.get("stream")).getOrDefault("bindings", Map.of())
                : Map.of();
        Set<String> topics = new TreeSet<>();
        for (String function : Arrays.stream(definition.split(";")).map(String::strip).filter(name -> !name.isEmpty()).toList()) {
            if (function.equals("config")) {
                topics.add("config");
                continue;
            }
            Object binding = bindings.get(function + "-in-0");
            if (binding instanceof Map<?, ?> settings) {
                Matcher topic = TOPIC.matcher(String.valueOf(settings.get("destination")));
                if (topic.matches()) {
                    topics.add(topic.group(1));
                }
            }
        }
        return topics;
    }

    private static String section(String heading) throws IOException {
        String document = Files.readString(ROOT.resolve("docs/architecture.md"));
        int start = document.indexOf("\n" + heading + "\n");
        assertThat(start).as("docs/architecture.md has a section '%s'", heading).isNotNegative();
        int end = document.indexOf("\n## ", start + heading.length() + 2);
        return document.substring(start, end < 0 ? document.length() : end);
    }
}
