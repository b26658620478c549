package io.sentinel.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IngestTokensTest {

    private static final String ALERTMANAGER_TOKEN = "am-3f9c2d1e8b7a6c5d4e3f2a1b";
    /** printf %s am-3f9c2d1e8b7a6c5d4e3f2a1b | sha256sum */
    private static final String ALERTMANAGER_SHA256 = HexFormat.of().formatHex(IngestTokens.sha256(ALERTMANAGER_TOKEN));
    private static final String ENV_TOKEN = "env-token-0123456789abcdef";

    @Test
    void theHashIsSha256OfTheTokensUtf8Bytes() {
        assertThat(HexFormat.of().formatHex(IngestTokens.sha256("abc")))
                .as("FIPS 180-2's test vector").isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void aConfiguredTokenIsKnownByItsNameAndOnlyItsExactValue() {
        IngestTokens tokens = IngestTokens.of(List.of(new IngestToken("alertmanager", ALERTMANAGER_SHA256.toUpperCase(), null)), null);

        assertThat(tokens.authenticate(ALERTMANAGER_TOKEN)).contains("alertmanager");
        assertThat(tokens.authenticate(ALERTMANAGER_TOKEN + "x")).isEmpty();
        assertThat(tokens.authenticate(ALERTMANAGER_TOKEN.toUpperCase())).isEmpty();
        assertThat(tokens.authenticate(ALERTMANAGER_SHA256)).as("the hash is not the token").isEmpty();
        assertThat(tokens.authenticate("")).isEmpty();
        assertThat(tokens.authenticate(null)).isEmpty();
    }

    @Test
    void theEnvironmentTokenIsHashedAndKnownAsEnv() {
        IngestTokens tokens = IngestTokens.of(List.of(new IngestToken("alertmanager", ALERTMANAGER_SHA256, null)), "  " + ENV_TOKEN + "\n");

        assertThat(tokens.count()).isEqualTo(2);
        assertThat(tokens.authenticate(ENV_TOKEN)).contains("env");
        assertThat(tokens.authenticate(ALERTMANAGER_TOKEN)).contains("alertmanager");
        assertThat(tokens).extracting(Object::toString).asString().doesNotContain(ENV_TOKEN);
    }

    @Test
    void noTokenAtAllIsNone() {
        assertThat(IngestTokens.of(List.of(), null).none()).isTrue();
        assertThat(IngestTokens.of(List.of(), " ").none()).isTrue();
        assertThat(IngestTokens.of(List.of(), " ").authenticate(" ")).isEmpty();
    }

    @Test
    void aShortEnvironmentTokenIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> IngestTokens.of(List.of(), "hunter2"))
                .hasMessage("SENTINEL_INGEST_TOKEN must be at least 16 characters (e.g. openssl rand -hex 24)")
                .hasMessageNotContaining("hunter2");
    }

    static Stream<Arguments> presented() {
        return Stream.of(
                Arguments.of("Bearer abc", null, Optional.of("abc")),
                Arguments.of("bearer   abc  ", null, Optional.of("abc")),
                Arguments.of("Basic YWJj", "abc", Optional.of("abc")),
                Arguments.of(null, " abc ", Optional.of("abc")),
                Arguments.of("Bearer ", null, Optional.empty()),
                Arguments.of("Basic YWJj", null, Optional.empty()),
                Arguments.of(null, null, Optional.empty()));
    }

    @ParameterizedTest(name = "Authorization: {0}, X-Sentinel-Ingest-Token: {1}")
    @MethodSource("presented")
    void theTokenComesFromTheBearerHeaderElseItsOwnHeader(String authorization, String header, Optional<String> token) {
        assertThat(PresentedToken.from(authorization, header)).isEqualTo(token);
    }
}
