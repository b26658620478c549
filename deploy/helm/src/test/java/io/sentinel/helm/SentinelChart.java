package io.sentinel.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The chart in {@code sentinel/}, rendered and linted by the real Helm (helm-java carries it as a
 * native library). Tests run with the module's directory as working directory.
 */
final class SentinelChart {

    static final Path CHART = Path.of("sentinel");
    static final Path EXAMPLES = Path.of("examples");
    static final Path REPOSITORY = Path.of("../..");
    static final String RELEASE = "sentinel";
    static final String NAMESPACE = "sentinel";
    // helm-java renders for Kubernetes 1.20 unless told; the chart needs 1.25 or newer.
    static final String KUBE_VERSION = "1.31.0";
    static final List<String> SERVICES = List.of("collector", "detector", "analyzer", "policy", "executor", "notifier", "gateway");
    static final Map<String, Integer> PORTS = Map.of("gateway", 8080, "collector", 8081, "detector", 8082, "analyzer", 8083,
            "policy", 8084, "executor", 8085, "notifier", 8086);

    private SentinelChart() {
    }

    /** The default values and nothing else. */
    static Values defaults() {
        return new Values("default");
    }

    /** An example values file, deploy/helm/examples/{name}-values.yaml. */
    static Values example(String name) {
        return new Values(name).file(EXAMPLES.resolve(name + "-values.yaml"));
    }

    /** Values to render the chart with: files in order, then YAML snippets, then --set pairs. */
    static final class Values {

        private final String name;
        private final List<Path> files = new ArrayList<>();
        private final List<String> snippets = new ArrayList<>();
        private final Map<String, Object> sets = new LinkedHashMap<>();

        private Values(String name) {
            this.name = name;
        }

        Values file(Path file) {
            files.add(file);
            return this;
        }

        /** A values document, as a user's -f file would hold it. */
        Values yaml(String document) {
            snippets.add(document);
            return this;
        }

        Values set(String key, Object value) {
            sets.put(key, value);
            return this;
        }

        /**
         * Renders; a named set of values as it stands (no snippets or --set pairs on top) is also
         * written to target/rendered/{name}.yaml for inspection.
         */
        Manifest render() {
            String rendered = template().call();
            if (!snippets.isEmpty() || !sets.isEmpty()) {
                return Manifest.parse(rendered);
            }
            try {
                Path out = Path.of("target", "rendered", name + ".yaml");
                Files.createDirectories(out.getParent());
                Files.writeString(out, rendered);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Manifest.parse(rendered);
        }

        /** NOTES.txt as `helm install` prints it (a client-only dry run: no cluster is asked). */
        String notes() {
            if (!snippets.isEmpty() || !sets.isEmpty()) {
                throw new IllegalStateException("notes with snippets or --set pairs are not supported");
            }
            InstallCommand install = new Helm(CHART).install().withName(RELEASE).withNamespace(NAMESPACE).withKubeVersion(KUBE_VERSION)
                    .dryRun().clientOnly();
            for (Path file : files) {
                install = install.withValuesFile(file);
            }
            String output = install.call().getOutput();
            int notes = output.indexOf("NOTES:");
            if (notes < 0) {
                throw new AssertionError("no NOTES in helm install's output:\n" + output);
            }
            return output.substring(notes);
        }

        /** What Helm says when it refuses to render these values. */
        String refusal() {
            try {
                String rendered = template().call();
                throw new AssertionError("Helm rendered values that should have been refused (" + name + "):\n"
                        + rendered.substring(0, Math.min(rendered.length(), 500)));
            } catch (IllegalStateException refused) {
                return refused.getMessage();
            }
        }

        /**
         * helm lint reads only the chart's own values.yaml, so the values are merged into a copy of
         * the chart the way Helm merges them (maps merged, anything else replaced, null removes).
         */
        LintResult lint(Path scratch) {
            Path copy = scratch.resolve("sentinel");
            copyTree(CHART, copy);
            Yaml yaml = SentinelChart.yaml();
            Map<String, Object> merged = yaml.load(read(CHART.resolve("values.yaml")));
            for (Path file : files) {
                merged = merge(merged, yaml.load(read(file)));
            }
            for (String snippet : snippets) {
                merged = merge(merged, yaml.load(snippet));
            }
            if (!sets.isEmpty()) {
                throw new IllegalStateException("lint with --set pairs is not supported; use yaml(...)");
            }
            write(copy.resolve("values.yaml"), yaml.dump(merged));
            return new Helm(copy).lint().strict().call();
        }

        private TemplateCommand template() {
            List<Path> documents = new ArrayList<>(files);
            try {
                for (String snippet : snippets) {
                    Path file = Files.createTempFile("sentinel-values-", ".yaml");
                    file.toFile().deleteOnExit();
                    Files.writeString(file, snippet);
                    documents.add(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            TemplateCommand template = new Helm(CHART).template().withName(RELEASE).withNamespace(NAMESPACE).withKubeVersion(KUBE_VERSION);
            for (Path document : documents) {
                template = template.withValuesFile(document);
            }
            for (Map.Entry<String, Object> set : sets.entrySet()) {
                template = template.set(set.getKey(), set.getValue());
            }
            return template;
        }
    }

    static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(32 * 1024 * 1024);
        return new Yaml(options);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> overlay) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        if (overlay == null) {
            return merged;
        }
        overlay.forEach((key, value) -> {
            if (value == null) {
                merged.remove(key);
            } else if (value instanceof Map<?, ?> map && merged.get(key) instanceof Map<?, ?> existing) {
                merged.put(key, merge((Map<String, Object>) existing, (Map<String, Object>) map));
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
