package io.sentinel.admin.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

class SentinelRealmTest {

    private final SentinelRealm wanted = new SentinelRealm("sentinel", "sentinel", List.of("https://sentinel.example.com/*", "http://localhost:8080/*"));

    @Test
    void theClientIsPublicWithPkceForTheConsoleAndThePasswordGrantForTheCommandLine() {
        ClientRepresentation client = wanted.client();

        assertThat(client.getClientId()).isEqualTo("sentinel");
        assertThat(client.getProtocol()).isEqualTo("openid-connect");
        assertThat(client.isPublicClient()).isTrue();
        assertThat(client.isStandardFlowEnabled()).isTrue();
        assertThat(client.isDirectAccessGrantsEnabled()).isTrue();
        assertThat(client.isImplicitFlowEnabled()).as("tokens in URLs: never").isFalse();
        assertThat(client.isServiceAccountsEnabled()).isFalse();
        assertThat(client.getAttributes()).containsEntry("pkce.code.challenge.method", "S256");
        assertThat(client.getRedirectUris()).as("added as items of their own, so each is reported").isEmpty();
    }

    @Test
    void theAudienceMapperPutsTheClientIntoAccessTokensOnly() {
        ProtocolMapperRepresentation mapper = wanted.audienceMapper();

        assertThat(mapper.getProtocolMapper()).isEqualTo("oidc-audience-mapper");
        assertThat(mapper.getConfig())
                .containsEntry("included.client.audience", "sentinel")
                .containsEntry("access.token.claim", "true")
                .containsEntry("id.token.claim", "false");
        assertThat(wanted.hasAudienceMapper(List.of(mapper))).isTrue();
    }

    @Test
    void anAudienceMapperMadeByHandCountsWhateverItsNameButOnlyIfItAddsThisAudienceToAccessTokens() {
        assertThat(wanted.hasAudienceMapper(List.of(audience("made-in-the-console", "sentinel", Map.of())))).isTrue();
        assertThat(wanted.hasAudienceMapper(List.of(audience("other", "grafana", Map.of())))).isFalse();
        assertThat(wanted.hasAudienceMapper(List.of(audience("id-token-only", "sentinel", Map.of("access.token.claim", "false"))))).isFalse();
        var notAnAudienceMapper = audience("roles", "sentinel", Map.of());
        notAnAudienceMapper.setProtocolMapper("oidc-usermodel-realm-role-mapper");
        assertThat(wanted.hasAudienceMapper(List.of(notAnAudienceMapper))).isFalse();
        var withoutConfig = new ProtocolMapperRepresentation();
        withoutConfig.setProtocolMapper("oidc-audience-mapper");
        assertThat(wanted.hasAudienceMapper(List.of(withoutConfig))).isFalse();
        assertThat(wanted.hasAudienceMapper(List.of())).isFalse();
    }

    @Test
    void missingRedirectUrisAreAddedAfterThoseAlreadyThere() {
        var existing = new ClientRepresentation();
        existing.setRedirectUris(List.of("https://console.example.com/*", "http://localhost:8080/*"));

        assertThat(wanted.missingRedirectUris(existing)).containsExactly("https://sentinel.example.com/*");
        assertThat(wanted.withRedirectUris(existing))
                .containsExactly("https://console.example.com/*", "http://localhost:8080/*", "https://sentinel.example.com/*");
        assertThat(wanted.missingRedirectUris(new ClientRepresentation())).containsExactly("https://sentinel.example.com/*", "http://localhost:8080/*");
    }

    @Test
    void theFirstAdminCanUseThePasswordGrantAtOnceWhenAnAddressIsGiven() {
        UserRepresentation withEmail = SentinelRealm.firstAdmin("admin", Optional.of("oncall@example.com"), new Secret("pw"));
        UserRepresentation withoutEmail = SentinelRealm.firstAdmin("admin", Optional.empty(), new Secret("pw"));

        assertThat(withEmail.isEnabled()).isTrue();
        assertThat(withEmail.getEmail()).isEqualTo("oncall@example.com");
        assertThat(withEmail.isEmailVerified()).isTrue();
        assertThat(withEmail.getFirstName()).isNotBlank();
        assertThat(withEmail.getLastName()).isNotBlank();
        assertThat(withEmail.getCredentials()).singleElement().satisfies(credential -> {
            assertThat(credential.getType()).isEqualTo("password");
            assertThat(credential.getValue()).isEqualTo("pw");
            assertThat(credential.isTemporary()).isFalse();
        });
        assertThat(withoutEmail.getEmail()).isNull();
        assertThat(withoutEmail.isEmailVerified()).isNull();
    }

    @Test
    void theRolesAreTheThreeTheGatewayMaps() {
        assertThat(List.of(SentinelRole.values())).extracting(SentinelRole::roleName)
                .containsExactly("sentinel-admin", "sentinel-operator", "sentinel-viewer");
        assertThat(SentinelRealm.role(SentinelRole.VIEWER).getDescription()).startsWith("Sentinel VIEWER");
        assertThat(SentinelRealm.role(SentinelRole.VIEWER).getClientRole()).isFalse();
    }

    private static ProtocolMapperRepresentation audience(String name, String audience, Map<String, String> extra) {
        var mapper = new ProtocolMapperRepresentation();
        mapper.setName(name);
        mapper.setProtocolMapper("oidc-audience-mapper");
        Map<String, String> config = new HashMap<>(Map.of("included.client.audience", audience));
        config.putAll(extra);
        mapper.setConfig(config);
        return mapper;
    }
}
