package io.sentinel.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OidcPropertiesTest {

    private static final Duration FIVE = Duration.ofSeconds(5);

    @Test
    void isOffWithoutAnIssuer() {
        assertThat(new OidcProperties(" ", "sentinel", null, "sentinel", FIVE).enabled()).isFalse();
        assertThat(new OidcProperties("https://sso.example.com/realms/sentinel", "sentinel", null, "sentinel", FIVE).enabled()).isTrue();
    }

    @Test
    void namesThePropertyThatIsWrong() {
        assertThatThrownBy(() -> new OidcProperties("sso.example.com/realms/sentinel", "sentinel", null, "sentinel", FIVE))
                .hasMessageStartingWith("sentinel.gateway.oidc.issuer-uri must be an absolute http(s) URL");
        assertThatThrownBy(() -> new OidcProperties("https://sso example", "sentinel", null, "sentinel", FIVE))
                .hasMessageStartingWith("sentinel.gateway.oidc.issuer-uri is not a URI");
        assertThatThrownBy(() -> new OidcProperties(null, "sentinel", "https://sso.example.com/certs", "sentinel", FIVE))
                .hasMessageStartingWith("sentinel.gateway.oidc.jwk-set-uri needs sentinel.gateway.oidc.issuer-uri too");
        assertThatThrownBy(() -> new OidcProperties("https://sso.example.com/realms/sentinel", " ", null, "sentinel", FIVE))
                .hasMessageStartingWith("sentinel.gateway.oidc.audience must not be blank");
        assertThatThrownBy(() -> new OidcProperties("https://sso.example.com/realms/sentinel", "sentinel", null, "", FIVE))
                .hasMessageStartingWith("sentinel.gateway.oidc.client-id must not be blank");
        assertThatThrownBy(() -> new OidcProperties("https://sso.example.com/realms/sentinel", "sentinel", null, "sentinel", Duration.ZERO))
                .hasMessageStartingWith("sentinel.gateway.oidc.timeout");
    }
}
