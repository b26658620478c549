package io.sentinel.admin.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.sentinel.admin.keycloak.KeycloakSetupCommand;
import io.sentinel.admin.keycloak.SetupArguments;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/** {@code keycloak-setup} against a real Keycloak: what it creates, that it creates it once, and how it fails. */
@ExtendWith(RealKeycloak.class)
class KeycloakSetupIntegrationTest {

    private static final List<String> ROLES = List.of("sentinel-admin", "sentinel-operator", "sentinel-viewer");

    private static KeycloakProcess keycloak;
    private static Keycloak admin;

    @BeforeAll
    static void connectAsKeycloaksAdministrator() {
        keycloak = RealKeycloak.server();
        admin = KeycloakBuilder.builder().serverUrl(keycloak.url().toString()).realm("master").clientId("admin-cli")
                .username(KeycloakProcess.ADMIN_USER).password(keycloak.adminPassword()).build();
    }

    @AfterAll
    static void disconnect() {
        admin.close();
    }

    @Test
    void aFirstRunCreatesTheRealmClientRolesAndFirstAdminAndPrintsTheGeneratedPasswordOnce() {
        SetupRun run = SetupRun.against(keycloak, "first-run", "--admin-email", "oncall@example.com", "--redirect-uri", "https://sentinel.example.com/*");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(KeycloakSetupCommand.DONE);
        assertThat(run.err()).isEmpty();
        assertThat(run.itemLines()).containsExactly(
                line("realm first-run", "created"),
                line("client sentinel", "created"),
                line("client sentinel: audience sentinel in access tokens", "added"),
                line("client sentinel: redirect URI https://sentinel.example.com/*", "added"),
                line("realm role sentinel-admin", "created"),
                line("realm role sentinel-operator", "created"),
                line("realm role sentinel-viewer", "created"),
                line("user admin", "created"),
                line("user admin: realm role sentinel-admin", "granted"));
        assertThat(run.out()).contains("SENTINEL_OIDC_ISSUER_URI=" + keycloak.issuer("first-run"));
        assertThat(run.out()).doesNotContain(keycloak.adminPassword());
        String password = run.generatedPassword().orElseThrow(() -> new AssertionError("no generated password in\n" + run.out()));
        assertThat(password).matches("[A-Za-z0-9]{24}");
        assertThat(run.out().split(password, -1)).as("the password is printed exactly once").hasSize(2);

        RealmResource realm = admin.realm("first-run");
        RealmRepresentation realmSettings = realm.toRepresentation();
        assertThat(realmSettings.isEnabled()).isTrue();
        assertThat(realmSettings.isRegistrationAllowed()).isFalse();
        assertThat(realmSettings.isBruteForceProtected()).isTrue();

        ClientRepresentation client = realm.clients().findByClientId("sentinel").getFirst();
        assertThat(client.isPublicClient()).as("a browser application keeps no secret").isTrue();
        assertThat(client.isStandardFlowEnabled()).isTrue();
        assertThat(client.isDirectAccessGrantsEnabled()).isTrue();
        assertThat(client.isImplicitFlowEnabled()).isFalse();
        assertThat(client.isServiceAccountsEnabled()).isFalse();
        assertThat(client.getRedirectUris()).containsExactly("https://sentinel.example.com/*");
        assertThat(client.getAttributes()).containsEntry("pkce.code.challenge.method", "S256");
        List<ProtocolMapperRepresentation> mappers = realm.clients().get(client.getId()).getProtocolMappers().getMappers();
        assertThat(mappers).anySatisfy(mapper -> {
            assertThat(mapper.getProtocolMapper()).isEqualTo("oidc-audience-mapper");
            assertThat(mapper.getConfig()).containsEntry("included.client.audience", "sentinel").containsEntry("access.token.claim", "true");
        });

        assertThat(realm.roles().list()).extracting(RoleRepresentation::getName).containsAll(ROLES);
        UserRepresentation user = realm.users().searchByUsername("admin", true).getFirst();
        assertThat(user.isEnabled()).isTrue();
        assertThat(user.getEmail()).isEqualTo("oncall@example.com");
        assertThat(realm.users().get(user.getId()).roles().realmLevel().listAll()).extracting(RoleRepresentation::getName).contains("sentinel-admin");
        assertThat(Tokens.passwordGrant(keycloak.issuer("first-run"), "sentinel", "admin", password).status())
                .as("the printed password is the user's").isEqualTo(200);
    }

    @Test
    void aSecondRunChangesNothingAndSaysEverythingIsAlreadyPresent() {
        SetupRun first = SetupRun.against(keycloak, "second-run", "--admin-email", "oncall@example.com");
        assertThat(first.exitCode()).as(first.err()).isZero();
        String password = first.generatedPassword().orElseThrow();

        SetupRun second = SetupRun.against(keycloak, "second-run", "--admin-email", "oncall@example.com");

        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.itemLines()).hasSize(first.itemLines().size()).allSatisfy(line -> assertThat(line).endsWith("already present"));
        assertThat(second.out()).contains("Nothing to do: everything was already present.");
        assertThat(second.generatedPassword()).as("no new password for an existing user").isEmpty();
        assertThat(Tokens.passwordGrant(keycloak.issuer("second-run"), "sentinel", "admin", password).status())
                .as("the first run's password still works").isEqualTo(200);
        RealmResource realm = admin.realm("second-run");
        assertThat(realm.clients().findByClientId("sentinel")).hasSize(1);
        String clientId = realm.clients().findByClientId("sentinel").getFirst().getId();
        assertThat(realm.clients().get(clientId).getProtocolMappers().getMappers())
                .filteredOn(mapper -> "oidc-audience-mapper".equals(mapper.getProtocolMapper())).hasSize(1);
        assertThat(realm.users().searchByUsername("admin", true)).hasSize(1);
    }

    @Test
    void aRealmPreparedByHandIsCompletedWithoutUndoingWhatIsThere() {
        var prepared = new RealmRepresentation();
        prepared.setRealm("by-hand");
        prepared.setEnabled(true);
        prepared.setRegistrationAllowed(true);
        admin.realms().create(prepared);
        RealmResource realm = admin.realm("by-hand");
        var client = new ClientRepresentation();
        client.setClientId("sentinel");
        client.setPublicClient(false);
        client.setRedirectUris(List.of("https://console.example.com/*"));
        try (Response created = realm.clients().create(client)) {
            assertThat(created.getStatus()).isEqualTo(201);
        }
        var operatorRole = new RoleRepresentation();
        operatorRole.setName("sentinel-operator");
        operatorRole.setDescription("ours");
        realm.roles().create(operatorRole);
        UserRepresentation person = person("admin", "Already-Chosen-1");
        try (Response created = realm.users().create(person)) {
            assertThat(created.getStatus()).isEqualTo(201);
        }

        SetupRun run = SetupRun.against(keycloak, "by-hand", "--redirect-uri", "https://sentinel.example.com/*");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.itemLines()).containsExactly(
                line("realm by-hand", "already present"),
                line("client sentinel", "already present"),
                line("client sentinel: audience sentinel in access tokens", "added"),
                line("client sentinel: redirect URI https://sentinel.example.com/*", "added"),
                line("realm role sentinel-admin", "created"),
                line("realm role sentinel-operator", "already present"),
                line("realm role sentinel-viewer", "created"),
                line("user admin", "already present"),
                line("user admin: realm role sentinel-admin", "granted"));
        assertThat(run.generatedPassword()).isEmpty();
        assertThat(realm.toRepresentation().isRegistrationAllowed()).as("the realm's settings are the operator's").isTrue();
        ClientRepresentation after = realm.clients().findByClientId("sentinel").getFirst();
        assertThat(after.isPublicClient()).as("the client's settings are the operator's").isFalse();
        assertThat(after.getRedirectUris()).containsExactlyInAnyOrder("https://console.example.com/*", "https://sentinel.example.com/*");
        assertThat(realm.roles().get("sentinel-operator").toRepresentation().getDescription()).isEqualTo("ours");
    }

    @Test
    void aChosenPasswordIsSetAndNeverPrinted() {
        String chosen = "Chosen-By-The-Operator-7";
        SetupRun run = SetupRun.of(List.of("--url", keycloak.url().toString(), "--admin-user", KeycloakProcess.ADMIN_USER, "--realm", "chosen",
                        "--admin-username", "ops.lead", "--admin-email", "lead@example.com"),
                Map.of(SetupArguments.ADMIN_PASSWORD_VARIABLE, keycloak.adminPassword(), SetupArguments.FIRST_ADMIN_PASSWORD_VARIABLE, chosen));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.outcomeOf("user ops.lead")).hasValue("created");
        assertThat(run.out() + run.err()).doesNotContain(chosen).doesNotContain(keycloak.adminPassword());
        assertThat(run.generatedPassword()).isEmpty();
        assertThat(Tokens.passwordGrant(keycloak.issuer("chosen"), "sentinel", "ops.lead", chosen).status()).isEqualTo(200);
    }

    @Test
    void aFirstAdminWithoutAnEmailAddressIsCreatedWithANoteOnWhatKeycloakWillAsk() {
        SetupRun run = SetupRun.against(keycloak, "no-email");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("has no e-mail address").contains("Account is not fully set up");
        Tokens.Answer refused = Tokens.passwordGrant(keycloak.issuer("no-email"), "sentinel", "admin", run.generatedPassword().orElseThrow());
        assertThat(refused.status()).as("what the note says, Keycloak does").isEqualTo(400);
        assertThat(refused.body().path("error_description").asText()).isEqualTo("Account is not fully set up");
    }

    @Test
    void aFirstAdminWhoseAddressBelongsToSomeoneElseIsRefusedNamingTheConflict() {
        var prepared = new RealmRepresentation();
        prepared.setRealm("taken-address");
        prepared.setEnabled(true);
        admin.realms().create(prepared);
        createUserWithRole(admin.realm("taken-address"), "oncall", "Someone-Else-1", null);

        SetupRun run = SetupRun.against(keycloak, "taken-address", "--admin-email", "oncall@example.com");

        assertThat(run.exitCode()).isEqualTo(KeycloakSetupCommand.FAILED);
        assertThat(run.outcomeOf("realm role sentinel-viewer")).as("what was done before is printed").hasValue("created");
        assertThat(run.err().lines()).singleElement().asString()
                .isEqualTo("keycloak-setup: Keycloak at " + keycloak.url() + " refused to create user admin (HTTP 409: User exists with same email)");
        assertThat(run.generatedPassword()).isEmpty();
        assertThat(admin.realm("taken-address").users().searchByUsername("admin", true)).isEmpty();
    }

    @Test
    void tokensForTheFirstAdminAndForAViewerCarryTheAudienceAndTheirRealmRoles() {
        SetupRun run = SetupRun.against(keycloak, "tokens", "--admin-email", "oncall@example.com");
        assertThat(run.exitCode()).as(run.err()).isZero();
        RealmResource realm = admin.realm("tokens");
        createUserWithRole(realm, "vera", "Viewer-Password-1", "sentinel-viewer");
        String issuer = keycloak.issuer("tokens");

        JsonNode adminClaims = Tokens.claims(Tokens.accessToken(issuer, "sentinel", "admin", run.generatedPassword().orElseThrow()));
        JsonNode viewerClaims = Tokens.claims(Tokens.accessToken(issuer, "sentinel", "vera", "Viewer-Password-1"));

        for (JsonNode claims : List.of(adminClaims, viewerClaims)) {
            assertThat(claims.path("iss").asText()).isEqualTo(issuer);
            assertThat(Tokens.audience(claims)).contains("sentinel");
            assertThat(claims.path("azp").asText()).isEqualTo("sentinel");
        }
        assertThat(adminClaims.path("preferred_username").asText()).isEqualTo("admin");
        assertThat(Tokens.realmRoles(adminClaims)).contains("sentinel-admin").doesNotContain("sentinel-viewer", "sentinel-operator");
        assertThat(viewerClaims.path("preferred_username").asText()).isEqualTo("vera");
        assertThat(Tokens.realmRoles(viewerClaims)).contains("sentinel-viewer").doesNotContain("sentinel-admin", "sentinel-operator");
    }

    @Test
    void aWrongAdministratorPasswordIsRefusedInOneLineThatDoesNotRepeatIt() {
        String wrong = "not-the-password-" + System.nanoTime();
        SetupRun run = SetupRun.of(List.of("--url", keycloak.url().toString(), "--admin-user", KeycloakProcess.ADMIN_USER, "--admin-password", wrong,
                "--realm", "never-created"), Map.of());

        assertThat(run.exitCode()).isEqualTo(KeycloakSetupCommand.FAILED);
        assertThat(run.err().lines()).singleElement().asString()
                .startsWith("keycloak-setup: Keycloak at " + keycloak.url() + " refused the credentials of administrator 'admin' in realm 'master'")
                .contains("HTTP 401");
        assertThat(run.out() + run.err()).doesNotContain(wrong);
        assertThat(run.itemLines()).isEmpty();
        assertThat(admin.realms().findAll()).extracting(RealmRepresentation::getRealm).doesNotContain("never-created");
    }

    @Test
    void anAdministratorWithoutTheRightToManageRealmsIsToldWhatItLacks() {
        createUserWithRole(admin.realm("master"), "powerless", "Powerless-Password-1", null);

        SetupRun run = SetupRun.of(List.of("--url", keycloak.url().toString(), "--admin-user", "powerless", "--admin-password", "Powerless-Password-1",
                "--realm", "not-allowed"), Map.of());

        assertThat(run.exitCode()).isEqualTo(KeycloakSetupCommand.FAILED);
        assertThat(run.err().lines()).singleElement().asString()
                .contains("refused to")
                .contains("HTTP 403")
                .contains("needs the right to manage realms");
        assertThat(admin.realms().findAll()).extracting(RealmRepresentation::getRealm).doesNotContain("not-allowed");
    }

    @Test
    void anUnreachableKeycloakIsNamedInOneLine() throws IOException {
        int closedPort;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        SetupRun run = SetupRun.of(List.of("--url", "http://127.0.0.1:" + closedPort, "--admin-user", "admin", "--admin-password", "whatever-1"), Map.of());

        assertThat(run.exitCode()).isEqualTo(KeycloakSetupCommand.FAILED);
        assertThat(run.err().lines()).singleElement().asString()
                .startsWith("keycloak-setup: cannot reach Keycloak at http://127.0.0.1:" + closedPort + ":")
                .contains("Connection refused");
    }

    @Test
    void aServerThatAcceptsButNeverAnswersIsGivenUpOnAfterTheTimeout() throws IOException {
        // Connections complete in the listen backlog; nobody ever reads or answers them.
        try (var silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            SetupRun run = SetupRun.of(List.of("--url", "http://127.0.0.1:" + silent.getLocalPort(), "--admin-user", "admin", "--admin-password",
                    "whatever-1", "--timeout-seconds", "1"), Map.of());

            assertThat(run.exitCode()).isEqualTo(KeycloakSetupCommand.FAILED);
            assertThat(run.err().lines()).singleElement().asString()
                    .isEqualTo("keycloak-setup: Keycloak at http://127.0.0.1:" + silent.getLocalPort() + " did not answer within 1 s (--timeout-seconds)");
        }
    }

    @Test
    void aServerThatIsNotKeycloakIsToldApartFromABadPassword() throws IOException {
        HttpServer notKeycloak = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        notKeycloak.createContext("/", exchange -> {
            byte[] page = "<html><body>Welcome to nginx!</body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().startsWith("/realms/master/") ? 200 : 404, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        notKeycloak.start();
        try {
            String base = "http://127.0.0.1:" + notKeycloak.getAddress().getPort();
            SetupRun html = SetupRun.of(List.of("--url", base, "--admin-user", "admin", "--admin-password", "whatever-1"), Map.of());
            SetupRun notFound = SetupRun.of(List.of("--url", base + "/wrong/path", "--admin-user", "admin", "--admin-password", "whatever-1"), Map.of());

            assertThat(html.exitCode()).isEqualTo(KeycloakSetupCommand.FAILED);
            assertThat(html.err().lines()).singleElement().asString()
                    .startsWith("keycloak-setup: the server at " + base + " did not answer like Keycloak");
            assertThat(notFound.exitCode()).isEqualTo(KeycloakSetupCommand.FAILED);
            assertThat(notFound.err().lines()).singleElement().asString()
                    .startsWith("keycloak-setup: no Keycloak realm 'master' at " + base + "/wrong/path (HTTP 404");
        } finally {
            notKeycloak.stop(0);
        }
    }

    @Test
    void invalidArgumentsAreRefusedBeforeKeycloakIsAsked() {
        SetupRun run = SetupRun.of(List.of("--url", "ftp://" + keycloak.url().getAuthority(), "--admin-user", "admin", "--admin-password", "x"), Map.of());

        assertThat(run.exitCode()).isEqualTo(KeycloakSetupCommand.USAGE);
        assertThat(run.err().lines()).singleElement().asString().startsWith("keycloak-setup: --url must be an absolute http or https URL");
        assertThat(run.out()).isEmpty();
    }

    private static String line(String item, String outcome) {
        return "%-56s %s".formatted(item, outcome).strip();
    }

    private static UserRepresentation person(String username, String password) {
        var user = new UserRepresentation();
        user.setUsername(username);
        user.setEnabled(true);
        user.setFirstName("Test");
        user.setLastName(username);
        user.setEmail(username + "@example.com");
        user.setEmailVerified(true);
        var credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(password);
        credential.setTemporary(false);
        user.setCredentials(List.of(credential));
        return user;
    }

    static void createUserWithRole(RealmResource realm, String username, String password, String role) {
        try (Response created = realm.users().create(person(username, password))) {
            assertThat(created.getStatus()).as("creating user %s", username).isEqualTo(201);
        }
        if (role != null) {
            String id = realm.users().searchByUsername(username, true).getFirst().getId();
            realm.users().get(id).roles().realmLevel().add(List.of(realm.roles().get(role).toRepresentation()));
        }
    }
}
