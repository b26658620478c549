package io.sentinel.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Sentinel's alert rules checked and exercised by Prometheus' own promtool, where it is installed
 * (Debian: apt-get install prometheus). Without it the tests are skipped, saying so.
 */
class PrometheusRulesTest {

    private static final Path RULES = SentinelChart.REPOSITORY.resolve("deploy/prometheus/sentinel-rules.yaml");
    private static final Path RULE_TESTS = SentinelChart.REPOSITORY.resolve("deploy/prometheus/sentinel-rules.test.yaml");

    @Test
    void promtoolAcceptsTheRules() throws Exception {
        Result result = promtool("check", "rules", RULES.toAbsolutePath().normalize().toString());
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void theRulesFireOnTheSeriesTheyAreAbout() throws Exception {
        // promtool test rules: series in, expected alerts out (deploy/prometheus/sentinel-rules.test.yaml).
        Result result = promtool("test", "rules", RULE_TESTS.toAbsolutePath().normalize().toString());
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    private record Result(int exit, String output) {
    }

    private static Result promtool(String... arguments) throws IOException, InterruptedException {
        Path promtool = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .map(directory -> Path.of(directory, "promtool")).filter(Files::isExecutable).findFirst().orElse(null);
        if (promtool == null) {
            Assumptions.abort("promtool is not on the PATH (Debian package prometheus): Sentinel's alert rules were not checked");
        }
        List<String> command = Stream.concat(Stream.of(promtool.toString()), Stream.of(arguments)).toList();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("promtool did not finish within 60 s: " + command);
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
