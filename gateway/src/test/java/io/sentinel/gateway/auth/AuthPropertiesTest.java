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

    private static final String VALID = "snl_" + "a".repeat(32);

    static Stream<Arguments> invalidKeys() {
        return Stream.of(
                Arguments.of("snl_tooShort123", "is 15 characters long"),
                Arguments.of("snl_" + "b".repeat(31), "is 35 characters long"),
                Arguments.of("sk_live_" + "c".repeat(40), "does not start with 'snl_'"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidKeys")
    void refusesABootstrapKeyOfTheWrongShapeNamingThePropertyButNotTheValue(String key, String why) {
        assertThatThrownBy(() -> new AuthProperties(key))
                .hasMessageStartingWith("sentinel.gateway.auth.bootstrap-admin-key must start with 'snl_' and be at least 36 characters long")
                .hasMessageContaining(why)
                .message().doesNotContain(key.substring(4));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void anUnsetBootstrapKeyMeansNone(String key) {
        assertThat(new AuthProperties(key).bootstrapAdmin()).isEmpty();
    }

    @Test
    void acceptsAKeyOfExactlyTheMinimumLength() {
        assertThat(new AuthProperties(" " + VALID + " ").bootstrapAdmin()).hasValueSatisfying(secret -> assertThat(secret.value()).isEqualTo(VALID));
    }

    @Test
    void neverShowsTheKeyWhenPrinted() {
        assertThat(new AuthProperties(VALID).toString()).doesNotContain(VALID.substring(4));
    }
}
