package io.sentinel.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ApiKeySecretTest {

    @Test
    void generatesSnlAndFortyBase62Characters() {
        var random = new SecureRandom();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String key = ApiKeySecret.generate(random).value();
            assertThat(key).matches("snl_[0-9A-Za-z]{40}");
            seen.add(key);
        }
        assertThat(seen).as("200 keys, no repeats").hasSize(200);
    }

    @Test
    void hashesTheWholeKeyAsLowercaseHexSha256() {
        // Expected value computed independently: printf '%s' <key> | sha256sum
        var secret = new ApiKeySecret("snl_0123456789abcdefghijABCDEFGHIJ0123456789");
        assertThat(secret.hash()).isEqualTo("52c7c7ef32b5aed52a79adbcc06929ba8ba7fdcfdde57305fc814cb732dba7dd");
    }

    @Test
    void neverShowsTheKeyWhenPrinted() {
        var secret = ApiKeySecret.generate(new SecureRandom());
        assertThat(secret.toString()).doesNotContain(secret.value().substring(4)).isEqualTo("snl_(redacted)");
        assertThat(new IssuedApiKey(null, secret).toString()).doesNotContain(secret.value().substring(4));
    }

    @Test
    void refusesSomethingThatIsNotAnApiKey() {
        assertThatThrownBy(() -> new ApiKeySecret("hunter2")).hasMessage("an API key is 'snl_' followed by exactly 40 letters and digits");
    }

    @Test
    void parsesExactlyTheShapeItGenerates() {
        String generated = ApiKeySecret.generate(new SecureRandom()).value();
        assertThat(ApiKeySecret.parse(generated)).hasValueSatisfying(secret -> assertThat(secret.value()).isEqualTo(generated));
        assertThat(ApiKeySecret.parse("snl_" + "Az09".repeat(10))).isPresent();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notKeys")
    void parsesNothingElse(String scenario, String presented) {
        assertThat(ApiKeySecret.parse(presented)).as(scenario).isEmpty();
        assertThat(ApiKeySecret.wellFormed(presented)).isFalse();
    }

    static Stream<Arguments> notKeys() {
        return Stream.of(
                Arguments.of("null", null),
                Arguments.of("empty", ""),
                Arguments.of("the prefix alone", "snl_"),
                Arguments.of("one character short", "snl_" + "a".repeat(39)),
                Arguments.of("one character long", "snl_" + "a".repeat(41)),
                Arguments.of("another prefix", "sk__" + "a".repeat(40)),
                Arguments.of("upper-case prefix", "SNL_" + "a".repeat(40)),
                Arguments.of("a dash", "snl_" + "a".repeat(39) + "-"),
                Arguments.of("a space", "snl_" + "a".repeat(39) + " "),
                Arguments.of("SQL", "snl_' or '1'='1" + "a".repeat(26)),
                Arguments.of("non-ASCII digit", "snl_" + "a".repeat(39) + "\u0663"),
                Arguments.of("non-ASCII letter", "snl_" + "a".repeat(39) + "\u00e9"),
                Arguments.of("a NUL", "snl_" + "a".repeat(39) + "\u0000"),
                Arguments.of("a megabyte", "snl_" + "a".repeat(1 << 20)));
    }
}
