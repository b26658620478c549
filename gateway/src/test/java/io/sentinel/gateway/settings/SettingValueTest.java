package io.sentinel.gateway.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class SettingValueTest {

    @Test
    void acceptsAJsonObjectAsSent() {
        JsonNode value = SettingValue.parse(bytes("{\"signal\": \"memory_usage_ratio\", \"above\": 0.7, \"for\": \"30s\"}"));
        assertThat(value.path("signal").stringValue()).isEqualTo("memory_usage_ratio");
        assertThat(value.path("above").doubleValue()).isEqualTo(0.7);
        assertThat(value.path("for").stringValue()).isEqualTo("30s");
    }

    @Test
    void acceptsAJsonArrayIncludingAnEmptyOne() {
        assertThat(SettingValue.parse(bytes("[{\"name\": \"a\"}]")).size()).isEqualTo(1);
        assertThat(SettingValue.parse(bytes(" [] ")).isArray()).isTrue();
    }

    @Test
    void acceptsAValueOfExactly64KiB() {
        byte[] body = paddedArray(SettingValue.MAX_BYTES);
        assertThat(body).hasSize(65536);
        assertThat(SettingValue.parse(body).isArray()).isTrue();
    }

    @Test
    void refusesAValueOneByteOver64KiBAsTooLarge() {
        assertThatThrownBy(() -> SettingValue.parse(paddedArray(SettingValue.MAX_BYTES + 1)))
                .isInstanceOf(SettingTooLargeException.class)
                .hasMessage("setting value must be at most 65536 bytes (64 KiB)");
    }

    static Stream<Arguments> scalars() {
        return Stream.of(
                Arguments.of("a duration as a string", "\"5m\"", "\"5m\""),
                Arguments.of("an integer", "50", "50"),
                Arguments.of("a decimal", " 0.7 ", "0.7"),
                Arguments.of("a boolean", "true", "true"),
                Arguments.of("false", "false", "false"),
                Arguments.of("an empty string", "\"\"", "\"\""));
    }

    /** Single-property settings, e.g. detector.novelty.learn-for = "5m" or detector.llm.error-cascade.min-traces = 50. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("scalars")
    void acceptsAScalarForASingleProperty(String scenario, String body, String published) {
        JsonNode value = SettingValue.parse(bytes(body));
        assertThat(value.isValueNode()).isTrue();
        assertThat(value.toString()).isEqualTo(published);
    }

    @Test
    void keepsAStringAStringAndANumberANumber() {
        assertThat(SettingValue.parse(bytes("\"5m\"")).stringValue()).isEqualTo("5m");
        assertThat(SettingValue.parse(bytes("50")).intValue()).isEqualTo(50);
        assertThat(SettingValue.parse(bytes("\"50\"")).isString()).isTrue();
    }

    static Stream<Arguments> invalidValues() {
        String required = "request body is required: the setting's value as JSON (an object, array, string, number or boolean)";
        return Stream.of(
                Arguments.of("nothing", "", required),
                Arguments.of("only whitespace", "  \n", required),
                Arguments.of("null", "null", "setting value must not be null; DELETE /api/settings/{name} brings back the configured default"),
                Arguments.of("null with spaces", " null ", "setting value must not be null; DELETE /api/settings/{name} brings back the configured default"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidValues")
    void refusesNothingAndNull(String scenario, String body, String message) {
        assertThatThrownBy(() -> SettingValue.parse(bytes(body))).isInstanceOf(InvalidSettingException.class).hasMessage(message);
    }

    @Test
    void refusesAScalarOneByteOver64KiBAsTooLarge() {
        assertThatThrownBy(() -> SettingValue.parse(bytes("\"" + "x".repeat(SettingValue.MAX_BYTES - 1) + "\"")))
                .isInstanceOf(SettingTooLargeException.class);
    }

    static Stream<Arguments> malformedJson() {
        return Stream.of(
                Arguments.of("unterminated object", "{\"above\": 0.7"),
                Arguments.of("single quotes", "{'above': 0.7}"),
                Arguments.of("two values", "{\"above\": 0.7} {\"above\": 0.8}"),
                Arguments.of("a duplicate key", "{\"above\": 0.7, \"above\": 0.8}"),
                Arguments.of("yaml", "above: 0.7"),
                Arguments.of("an unquoted word", "5m"),
                Arguments.of("two scalars", "\"5m\" \"6m\""),
                Arguments.of("NaN", "NaN"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedJson")
    void refusesMalformedJsonWithTheParsersReason(String scenario, String body) {
        assertThatThrownBy(() -> SettingValue.parse(bytes(body)))
                .isInstanceOf(InvalidSettingException.class)
                .isNotInstanceOf(SettingTooLargeException.class)
                .hasMessageStartingWith("setting value is not valid JSON: ");
    }

    @Test
    void namesTheDuplicateKey() {
        assertThatThrownBy(() -> SettingValue.parse(bytes("{\"above\": 0.7, \"above\": 0.8}"))).hasMessageContaining("\"above\"");
    }

    @Test
    void measuresAValueAsPublished() {
        assertThat(SettingValue.size(SettingValue.parse(bytes("{ \"a\" : [ 1, 2 ] }")))).isEqualTo("{\"a\":[1,2]}".length());
    }

    /** A JSON array of exactly {@code size} bytes: ["xxx...x"]. */
    private static byte[] paddedArray(int size) {
        return bytes("[\"" + "x".repeat(size - 4) + "\"]");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
