package io.sentinel.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.LintResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** helm lint --strict, on the chart as shipped and with each example values file. */
class ChartLintTest {

    @TempDir
    Path scratch;

    @Test
    void theChartLintsCleanWithItsDefaultValues() {
        LintResult result = SentinelChart.defaults().lint(scratch);
        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
        assertThat(result.getMessages()).noneMatch(message -> message.contains("[ERROR]") || message.contains("[WARNING]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"production", "quickstart"})
    void theChartLintsCleanWithTheExampleValues(String example) {
        LintResult result = SentinelChart.example(example).lint(scratch);
        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
        assertThat(result.getMessages()).noneMatch(message -> message.contains("[ERROR]") || message.contains("[WARNING]"));
    }

    @Test
    void lintFailsOnValuesTheSchemaRefuses() {
        // The lint above could not pass a broken chart: the same path reports a schema violation.
        LintResult result = SentinelChart.defaults().yaml("kafka: {bootstrapServers: \"\"}").lint(scratch);
        assertThat(result.isFailed()).isTrue();
        assertThat(String.join("\n", result.getMessages())).contains("bootstrapServers");
        assertThat(Files.exists(scratch.resolve("sentinel/Chart.yaml"))).isTrue();
    }
}
