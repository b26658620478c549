package io.sentinel.admin.keycloak;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Turns what the admin client throws into one line that names the cause: Keycloak unreachable, not
 * answering, refusing the credentials, refusing a request, or not being Keycloak at all.
 *
 * @param url     the Keycloak the setup talks to
 * @param timeout how long it waited
 */
record KeycloakFailures(URI url, Duration timeout) {

    private static final int MAX_DETAIL = 200;
    private static final Pattern KEYCLOAK_ERROR = Pattern.compile("\"(error_description|errorMessage|error)\"\\s*:\\s*\"([^\"]{1,300})\"");

    /** A failure while signing the Keycloak administrator in. */
    KeycloakSetupException signingIn(RuntimeException failure, String adminUser, String adminRealm) {
        if (failure instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            String detail = keycloakError(web.getResponse()).map(error -> ": " + error).orElse("");
            String message = switch (status) {
                case 401 -> "Keycloak at " + url + " refused the credentials of administrator '" + oneLine(adminUser) + "' in realm '" + adminRealm
                        + "' (HTTP 401" + detail + "); check --admin-user, --admin-password and --admin-realm";
                case 400 -> "Keycloak at " + url + " refused to sign administrator '" + oneLine(adminUser) + "' in (HTTP 400" + detail
                        + "); the account may be disabled, or need an action in the browser first";
                case 404 -> "no Keycloak realm '" + adminRealm + "' at " + url + " (HTTP 404 from its token endpoint); --url must be Keycloak's base URL"
                        + " (older Keycloak versions need /auth at its end) and --admin-realm the administrator's realm";
                default -> "Keycloak at " + url + " answered the administrator's sign-in with HTTP " + status + detail;
            };
            return new KeycloakSetupException(message, failure);
        }
        return unanswered(failure).orElseGet(() -> new KeycloakSetupException(
                "signing in to Keycloak at " + url + " failed: " + describe(failure), failure));
    }

    /** A failure of one of the setup's requests, after signing in. */
    KeycloakSetupException during(String attempt, RuntimeException failure) {
        if (failure instanceof KeycloakSetupException explained) {
            return explained;
        }
        if (failure instanceof WebApplicationException web) {
            return refused(attempt, web.getResponse(), failure);
        }
        return unanswered(failure).orElseGet(() -> new KeycloakSetupException(attempt + " failed: " + describe(failure), failure));
    }

    /** A response other than the one expected to a request. */
    KeycloakSetupException refused(String attempt, Response response, Throwable cause) {
        int status = response.getStatus();
        String detail = keycloakError(response).map(error -> ": " + error).orElse("");
        String hint = switch (status) {
            case 401, 403 -> "; the administrator needs the right to manage realms (the master realm's 'admin' role, or 'create-realm' and the realm's 'realm-management' roles)";
            default -> "";
        };
        return new KeycloakSetupException("Keycloak at " + url + " refused to " + attempt + " (HTTP " + status + detail + ")" + hint, cause);
    }

    /** Failures where no HTTP answer came back, or what came back was not Keycloak's. */
    private Optional<KeycloakSetupException> unanswered(RuntimeException failure) {
        if (!(failure instanceof ProcessingException)) {
            return Optional.empty();
        }
        String message = null;
        for (Throwable cause = failure; cause != null && message == null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
                message = "cannot reach Keycloak at " + url + ": " + lowerFirst(describe(cause)) + "; is it running, and is --url right?";
            } else if (cause instanceof UnknownHostException) {
                message = "cannot reach Keycloak at " + url + ": unknown host " + oneLine(String.valueOf(cause.getMessage()));
            } else if (cause instanceof InterruptedIOException) {
                message = "Keycloak at " + url + " did not answer within " + timeout.toSeconds() + " s (--timeout-seconds)";
            } else if (cause instanceof SSLException) {
                message = "TLS with Keycloak at " + url + " failed: " + describe(cause)
                        + "; is its certificate trusted by this JDK (javax.net.ssl.trustStore)?";
            } else if (cause instanceof IOException) {
                message = "cannot talk to Keycloak at " + url + ": " + describe(cause);
            }
        }
        if (message == null) {
            // An answer came, but the admin client could not read it: an HTTP server that is not Keycloak.
            message = "the server at " + url + " did not answer like Keycloak (" + describe(failure) + "); is --url Keycloak's base URL?";
        }
        return Optional.of(new KeycloakSetupException(message, failure));
    }

    /** Keycloak's own words from an error response's body, when it has any and it can be read. */
    static Optional<String> keycloakError(Response response) {
        try {
            response.bufferEntity();
            return keycloakError(response.readEntity(String.class));
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** From an error body: {@code error_description} before {@code errorMessage} before {@code error}, as Keycloak's endpoints use them. */
    static Optional<String> keycloakError(String body) {
        if (body == null) {
            return Optional.empty();
        }
        Matcher matcher = KEYCLOAK_ERROR.matcher(body);
        String best = null;
        int bestRank = Integer.MAX_VALUE;
        while (matcher.find()) {
            int rank = switch (matcher.group(1)) {
                case "error_description" -> 0;
                case "errorMessage" -> 1;
                default -> 2;
            };
            if (rank < bestRank) {
                best = matcher.group(2);
                bestRank = rank;
            }
        }
        // "HTTP 403 Forbidden" and the like repeat the status, which the message gives anyway.
        return Optional.ofNullable(best).map(KeycloakFailures::oneLine).filter(words -> !words.startsWith("HTTP "));
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        String name = failure.getClass().getSimpleName();
        return message == null || message.isBlank() ? name : oneLine(message);
    }

    private static String lowerFirst(String text) {
        return text.isEmpty() ? text : text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
    }

    /** At most one line of printable text: messages may echo what a server sent. */
    static String oneLine(String text) {
        String flat = text.codePoints().map(c -> Character.isISOControl(c) ? ' ' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        return flat.length() > MAX_DETAIL ? flat.substring(0, MAX_DETAIL) + "…" : flat;
    }
}
