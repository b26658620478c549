package io.sentinel.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ApiKeyHeadersTest {

    static Stream<Arguments> requests() {
        return Stream.of(
                Arguments.of("bearer token", "Bearer snl_abc", null, "snl_abc"),
                Arguments.of("the scheme is case-insensitive", "bearer snl_abc", null, "snl_abc"),
                Arguments.of("surrounding spaces are not part of the key", "  Bearer   snl_abc  ", null, "snl_abc"),
                Arguments.of("X-API-Key header", null, "snl_xyz", "snl_xyz"),
                Arguments.of("Authorization wins over X-API-Key", "Bearer snl_abc", "snl_xyz", "snl_abc"),
                Arguments.of("another scheme falls back to X-API-Key", "Basic dXNlcjpwYXNz", "snl_xyz", "snl_xyz"),
                Arguments.of("another scheme alone is no key", "Basic dXNlcjpwYXNz", null, null),
                Arguments.of("a bearer without a token is no key", "Bearer ", null, null),
                Arguments.of("a blank X-API-Key is no key", null, "   ", null),
                Arguments.of("no headers, no key", null, null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void findsTheKeyARequestPresents(String scenario, String authorization, String xApiKey, String expected) {
        assertThat(ApiKeyHeaders.presentedKey(authorization, xApiKey)).isEqualTo(Optional.ofNullable(expected));
    }
}
