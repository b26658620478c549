package io.sentinel.detector.llm;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.events.signal.LlmObservation;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ToolOutputCheckTest {

    private static final Instant AT = Instant.parse("2026-11-23T12:00:00Z");
    private static final ToolOutputCheck CHECK = new ToolOutputCheck(Traces.defaults().silentToolFailure().errorPatterns(),
            Traces.defaults().toolSchemas());

    static Stream<Arguments> outputs() {
        return Stream.of(
                Arguments.of("search_orders", null, SilentFailure.EmptyOutput.class),
                Arguments.of("search_orders", "", SilentFailure.EmptyOutput.class),
                Arguments.of("search_orders", "  []  ", SilentFailure.EmptyOutput.class),
                Arguments.of("search_orders", "{}", SilentFailure.EmptyOutput.class),
                Arguments.of("search_orders", "null", SilentFailure.EmptyOutput.class),
                Arguments.of("search_orders", "[{\"order\": 4711, \"status\": \"shipped\"}]", null),
                Arguments.of("search_orders", "{\"results\": [1, 2], \"errors\": []}", null),
                Arguments.of("search_orders", "{\"results\": [], \"error\": null, \"success\": true}", null),
                Arguments.of("send_email", "{\"success\": false, \"id\": null}", SilentFailure.FailureField.class),
                Arguments.of("slack_post", "{\"ok\": false, \"error\": \"channel_not_found\"}", SilentFailure.FailureField.class),
                Arguments.of("send_email", "{\"errors\": [{\"code\": 42, \"message\": \"quota\"}]}", SilentFailure.FailureField.class),
                Arguments.of("read_file", "Permission denied: /etc/shadow", SilentFailure.ErrorText.class),
                Arguments.of("run_python",
                        "Traceback (most recent call last):\n  File \"<stdin>\", line 1\nZeroDivisionError: division by zero",
                        SilentFailure.ErrorText.class),
                Arguments.of("http_get", "{\"status\": 504, \"body\": \"Gateway TimeoutError upstream\"}", SilentFailure.ErrorText.class),
                Arguments.of("http_get", "{\"status\": 200, \"body\": \"All systems nominal\"}", null),
                Arguments.of("search_docs", "There were no terrors and 0 errors in the last run.", null),
                Arguments.of("get_weather", "{\"temperature\": 21.5, \"conditions\": \"sunny\"}", null),
                Arguments.of("get_weather", "{\"temperature\": 21.5}", SilentFailure.MissingKeys.class),
                Arguments.of("get_weather", "{\"temperature\": 21.5, \"conditions\": null}", SilentFailure.MissingKeys.class),
                Arguments.of("get_weather", "It is sunny and 21 degrees.", SilentFailure.MissingKeys.class));
    }

    @ParameterizedTest(name = "{0} returning {1}")
    @MethodSource("outputs")
    void tellsRealSuccessFromSilentFailure(String tool, String output, Class<? extends SilentFailure> expected) {
        var failure = CHECK.silentFailure(Traces.tool(tool, AT, output));
        if (expected == null) {
            assertThat(failure).isEmpty();
        } else {
            assertThat(failure).get().isInstanceOf(expected);
        }
    }

    @Test
    void aLoudFailureIsNotASilentOne() {
        LlmObservation failed = Traces.failedTool("search_orders", AT);
        assertThat(CHECK.silentFailure(failed)).isEmpty();
    }

    @Test
    void saysWhatWasWrong() {
        assertThat(CHECK.silentFailure(Traces.tool("read_file", AT, "Permission denied: /etc/shadow")).orElseThrow().describe())
                .isEqualTo("error text 'denied' in a successful result: Permission denied: /etc/shadow");
        assertThat(CHECK.silentFailure(Traces.tool("get_weather", AT, "{\"temperature\": 21.5}")).orElseThrow().describe())
                .isEqualTo("missing expected keys [conditions]");
    }
}
