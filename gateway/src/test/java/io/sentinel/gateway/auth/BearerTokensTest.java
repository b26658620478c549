package io.sentinel.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BearerTokensTest {

    @ParameterizedTest
    @ValueSource(strings = {"eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhIn0.", "a.b.c", "a-_.b_-.c-_"})
    void aJwtHasThreeBase64UrlPartsUnsignedOnesIncluded(String token) {
        assertThat(BearerTokens.jwtShaped(token)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"snl_0123456789abcdefghijABCDEFGHIJ0123456789", "a.b", "a.b.c.d", ".b.c", "a..c", "a.b.c d", "a.b.c=",
            "a+b.c.d", "", "..", "a.b.c\n"})
    void anApiKeyOrAnythingElseIsNot(String value) {
        assertThat(BearerTokens.jwtShaped(value)).as(value).isFalse();
    }

    @Test
    void aTokenBeyondAnyRealOnesLengthIsNot() {
        assertThat(BearerTokens.jwtShaped("a." + "b".repeat(BearerTokens.MAX_TOKEN_LENGTH) + ".c")).isFalse();
    }
}
