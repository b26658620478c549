package io.sentinel.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class AuthPropertiesTest {

    private static final String VALID = "snl_" + "a".repeat(40);
    private static final String MESSAGE = "sentinel.gateway.auth.bootstrap-admin-key must be 'snl_' followed by exactly 40 letters and digits, "
            + "e.g. snl_$(openssl rand -hex 20); the configured value ";

    static Stream<Arguments> invalidKeys() {
        return Stream.of(
                Arguments.of("snl_tooShort123", "is 15 characters long, not 44"),
                Arguments.of("snl_" + "b".repeat(39), "is 43 characters long, not 44"),
                Arguments.of("snl_" + "b".repeat(41), "is 45 characters long, not 44"),
                Arguments.of("sk_live_" + "c".repeat(40), "does not start with 'snl_'"),
                Arguments.of("snl_" + "d".repeat(39) + "-", "contains a character other than a letter or digit after the prefix"));
    }

    /** The bootstrap key must be something the gateway would ever look up: exactly what it generates. */
    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidKeys")
    void refusesABootstrapKeyOfTheWrongShapeNamingThePropertyButNotTheValue(String key, String why) {
        assertThatThrownBy(() -> new AuthProperties(key))
                .hasMessage(MESSAGE + why)
                .message().doesNotContain(key.substring(4));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void anUnsetBootstrapKeyMeansNone(String key) {
        assertThat(new AuthProperties(key).bootstrapAdmin()).isEmpty();
    }

    @Test
    void acceptsAKeyOfTheGeneratedShapeSurroundedBySpaces() {
        assertThat(new AuthProperties(" " + VALID + " ").bootstrapAdmin()).hasValueSatisfying(secret -> assertThat(secret.value()).isEqualTo(VALID));
    }

    @Test
    void neverShowsTheKeyWhenPrinted() {
        assertThat(new AuthProperties(VALID).toString()).doesNotContain(VALID.substring(4));
    }
}
