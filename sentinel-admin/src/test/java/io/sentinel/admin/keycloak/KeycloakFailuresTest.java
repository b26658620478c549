package io.sentinel.admin.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class KeycloakFailuresTest {

    private final KeycloakFailures failures = new KeycloakFailures(URI.create("https://sso.example.com"), Duration.ofSeconds(7));

    @Test
    void noAnswerIsToldApartByItsCause() {
        assertThat(failures.signingIn(new ProcessingException(new ConnectException("Connection refused")), "root", "master"))
                .hasMessage("cannot reach Keycloak at https://sso.example.com: connection refused; is it running, and is --url right?");
        assertThat(failures.signingIn(new ProcessingException(new UnknownHostException("sso.example.com")), "root", "master"))
                .hasMessage("cannot reach Keycloak at https://sso.example.com: unknown host sso.example.com");
        assertThat(failures.signingIn(new ProcessingException(new SocketTimeoutException("Read timed out")), "root", "master"))
                .hasMessage("Keycloak at https://sso.example.com did not answer within 7 s (--timeout-seconds)");
        assertThat(failures.signingIn(new ProcessingException(new SSLHandshakeException("PKIX path building failed")), "root", "master"))
                .hasMessageStartingWith("TLS with Keycloak at https://sso.example.com failed: PKIX path building failed;");
        assertThat(failures.signingIn(new ProcessingException(new IOException("Broken pipe")), "root", "master"))
                .hasMessage("cannot talk to Keycloak at https://sso.example.com: Broken pipe");
        assertThat(failures.signingIn(new ProcessingException("RESTEASY003145: Unable to find a MessageBodyReader of content-type text/html"), "root",
                "master"))
                .hasMessageStartingWith("the server at https://sso.example.com did not answer like Keycloak (RESTEASY003145");
    }

    /** Statuses alone here: the bodies of real error responses are read in KeycloakSetupIntegrationTest, against a real Keycloak. */
    @Test
    void aRefusedSignInSaysWhichCredentialsToCheck() {
        assertThat(failures.signingIn(new NotAuthorizedException(Response.status(401).build()), "root", "master")).hasMessage("Keycloak at"
                + " https://sso.example.com refused the credentials of administrator 'root' in realm 'master' (HTTP 401); check --admin-user,"
                + " --admin-password and --admin-realm");
        assertThat(failures.signingIn(new WebApplicationException(Response.status(404).build()), "root", "ops"))
                .hasMessageStartingWith("no Keycloak realm 'ops' at https://sso.example.com (HTTP 404 from its token endpoint)");
        assertThat(failures.signingIn(new WebApplicationException(Response.status(400).build()), "root", "ops"))
                .hasMessageStartingWith("Keycloak at https://sso.example.com refused to sign administrator 'root' in (HTTP 400)");
        assertThat(failures.signingIn(new WebApplicationException(Response.status(503).build()), "root", "master"))
                .hasMessage("Keycloak at https://sso.example.com answered the administrator's sign-in with HTTP 503");
    }

    @Test
    void aRefusedRequestNamesWhatWasAttemptedAndWhatIsMissingForAForbiddenOne() {
        assertThat(failures.during("look up realm sentinel", new WebApplicationException(Response.status(403).build()))).hasMessageStartingWith(
                "Keycloak at https://sso.example.com refused to look up realm sentinel (HTTP 403); the administrator needs the right to manage realms");
        assertThat(failures.during("create user admin", new WebApplicationException(Response.status(400).build())))
                .hasMessage("Keycloak at https://sso.example.com refused to create user admin (HTTP 400)");
    }

    @Test
    void keycloaksOwnWordsAreTakenFromItsErrorBodiesMostSpecificFirst() {
        assertThat(KeycloakFailures.keycloakError("{\"error\":\"invalid_grant\",\"error_description\":\"Invalid user credentials\"}"))
                .hasValue("Invalid user credentials");
        assertThat(KeycloakFailures.keycloakError("{\"error\":\"invalidPassword\",\"errorMessage\":\"Password policy not met\"}"))
                .hasValue("Password policy not met");
        assertThat(KeycloakFailures.keycloakError("{\"error\":\"Realm does not exist\"}")).hasValue("Realm does not exist");
        assertThat(KeycloakFailures.keycloakError("<html>Bad Gateway</html>")).isEmpty();
        assertThat(KeycloakFailures.keycloakError("{\"error\":\"HTTP 403 Forbidden\"}")).as("says nothing the status does not").isEmpty();
        assertThat(KeycloakFailures.keycloakError((String) null)).isEmpty();
    }

    @Test
    void whatAServerSendsBackCannotBreakTheOneLine() {
        String hostile = "{\"errorMessage\":\"line one\\nline two \u001b[31m" + "x".repeat(250) + "\"}";

        String words = KeycloakFailures.keycloakError(hostile.replace("\\n", "\n")).orElseThrow();

        assertThat(words).doesNotContain("\n").doesNotContain("\u001b").hasSizeLessThanOrEqualTo(201);
        assertThat(KeycloakFailures.oneLine("a\nb\u001b[31mc")).isEqualTo("a b [31mc");
    }

    @Test
    void anAlreadyExplainedFailurePassesThroughUnchanged() {
        var explained = new KeycloakSetupException("already said");

        assertThat(failures.during("anything", explained)).isSameAs(explained);
    }
}
