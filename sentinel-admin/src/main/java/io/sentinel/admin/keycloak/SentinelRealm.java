package io.sentinel.admin.keycloak;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * What Sentinel needs in Keycloak, written as Keycloak's own representations, and how to tell
 * whether what is there already has it. Nothing here talks to Keycloak.
 *
 * @param realm        the realm's name
 * @param clientId     the client's id, which is also the audience the gateway requires
 * @param redirectUris where the console's authorization-code flow may return to
 */
public record SentinelRealm(String realm, String clientId, List<String> redirectUris) {

    static final String AUDIENCE_MAPPER_TYPE = "oidc-audience-mapper";
    static final String AUDIENCE_CONFIG = "included.client.audience";
    static final String OPENID_CONNECT = "openid-connect";
    /** Stands in for a name until the person signs in and gives theirs: Keycloak's default user profile requires one. */
    static final String PLACEHOLDER_FIRST_NAME = "Sentinel";
    static final String PLACEHOLDER_LAST_NAME = "Admin";

    public SentinelRealm {
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(clientId, "clientId");
        redirectUris = List.copyOf(redirectUris);
    }

    public static SentinelRealm of(SetupArguments arguments) {
        return new SentinelRealm(arguments.realm(), arguments.clientId(), arguments.redirectUris());
    }

    /** The realm as created; once it exists, its settings are the operator's and are left alone. */
    RealmRepresentation realmRepresentation() {
        var representation = new RealmRepresentation();
        representation.setRealm(realm);
        representation.setDisplayName("Sentinel");
        representation.setEnabled(true);
        representation.setRegistrationAllowed(false);
        // Sentinel's people can stop production actions; guessing their passwords must not be free.
        representation.setBruteForceProtected(true);
        return representation;
    }

    /**
     * A public client: the console is a browser application, which cannot keep a secret, so it signs
     * in with the authorization-code flow and PKCE. Direct access grants (the password grant) are on
     * for command-line use and tests; see docs/keycloak.md for turning them off.
     */
    ClientRepresentation client() {
        var client = new ClientRepresentation();
        client.setClientId(clientId);
        client.setName("Sentinel");
        client.setDescription("Sentinel's gateway and web console");
        client.setProtocol(OPENID_CONNECT);
        client.setEnabled(true);
        client.setPublicClient(true);
        client.setStandardFlowEnabled(true);
        client.setDirectAccessGrantsEnabled(true);
        client.setImplicitFlowEnabled(false);
        client.setServiceAccountsEnabled(false);
        client.setFrontchannelLogout(true);
        client.setRedirectUris(List.of());
        client.setWebOrigins(List.of("+"));
        client.setAttributes(new LinkedHashMap<>(Map.of("pkce.code.challenge.method", "S256", "post.logout.redirect.uris", "+")));
        return client;
    }

    /** Puts the client's id into every access token's {@code aud}, which the gateway requires. */
    ProtocolMapperRepresentation audienceMapper() {
        var mapper = new ProtocolMapperRepresentation();
        mapper.setName(clientId + "-audience");
        mapper.setProtocol(OPENID_CONNECT);
        mapper.setProtocolMapper(AUDIENCE_MAPPER_TYPE);
        mapper.setConfig(new LinkedHashMap<>(Map.of(
                AUDIENCE_CONFIG, clientId,
                "access.token.claim", "true",
                "introspection.token.claim", "true",
                "id.token.claim", "false")));
        return mapper;
    }

    /** Whether one of the client's mappers already adds the audience to access tokens, whatever it is called. */
    boolean hasAudienceMapper(List<ProtocolMapperRepresentation> mappers) {
        return mappers.stream().anyMatch(mapper -> AUDIENCE_MAPPER_TYPE.equals(mapper.getProtocolMapper())
                && mapper.getConfig() != null
                && clientId.equals(mapper.getConfig().get(AUDIENCE_CONFIG))
                && "true".equals(mapper.getConfig().getOrDefault("access.token.claim", "true")));
    }

    /** The redirect URIs asked for that the client does not list yet, in the order asked. */
    List<String> missingRedirectUris(ClientRepresentation existing) {
        List<String> present = existing.getRedirectUris() == null ? List.of() : existing.getRedirectUris();
        return redirectUris.stream().filter(uri -> !present.contains(uri)).toList();
    }

    /** The client's redirect URIs with the missing ones added after those already there. */
    List<String> withRedirectUris(ClientRepresentation existing) {
        List<String> all = new ArrayList<>(existing.getRedirectUris() == null ? List.of() : existing.getRedirectUris());
        all.addAll(missingRedirectUris(existing));
        return all;
    }

    static RoleRepresentation role(SentinelRole role) {
        var representation = new RoleRepresentation();
        representation.setName(role.roleName());
        representation.setDescription(role.description());
        representation.setComposite(false);
        representation.setClientRole(false);
        return representation;
    }

    /** The first admin as created: enabled, with the password given or generated, not to be changed at first sign-in so the password grant works at once. */
    static UserRepresentation firstAdmin(String username, Optional<String> email, Secret password) {
        var user = new UserRepresentation();
        user.setUsername(username);
        user.setEnabled(true);
        user.setFirstName(PLACEHOLDER_FIRST_NAME);
        user.setLastName(PLACEHOLDER_LAST_NAME);
        email.ifPresent(address -> {
            user.setEmail(address);
            // The person running the setup vouches for it; nobody else can sign up in this realm.
            user.setEmailVerified(true);
        });
        var credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(password.value());
        credential.setTemporary(false);
        user.setCredentials(List.of(credential));
        return user;
    }
}
