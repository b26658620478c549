package io.sentinel.admin.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Tokens from a real Keycloak with the password grant, as a command-line client gets them, and what they say. */
final class Tokens {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Tokens() {
    }

    /**
     * The answer of the realm's token endpoint to a password grant.
     *
     * @return the HTTP status and the JSON body
     */
    static Answer passwordGrant(String issuer, String clientId, String username, String password) {
        String form = Map.of("grant_type", "password", "client_id", clientId, "username", username, "password", password, "scope", "openid")
                .entrySet().stream()
                .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException("the token endpoint of " + issuer + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An access token the realm issued for the user, failing with Keycloak's words if it issued none. */
    static String accessToken(String issuer, String clientId, String username, String password) {
        Answer answer = passwordGrant(issuer, clientId, username, password);
        if (answer.status() != 200 || !answer.body().hasNonNull("access_token")) {
            throw new AssertionError("no token for " + username + " from " + issuer + " (client " + clientId + "): HTTP " + answer.status() + " "
                    + answer.body());
        }
        return answer.body().get("access_token").asText();
    }

    /** The claims of a JWT, read without checking its signature: what Keycloak put in, not whether to believe it (the gateway's job). */
    static JsonNode claims(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            throw new AssertionError("not a JWT: " + parts.length + " parts");
        }
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IOException e) {
            throw new AssertionError("the JWT's payload is not JSON", e);
        }
    }

    /** {@code aud} as a list, whether Keycloak wrote one string or an array. */
    static List<String> audience(JsonNode claims) {
        JsonNode aud = claims.path("aud");
        List<String> audiences = new ArrayList<>();
        if (aud.isTextual()) {
            audiences.add(aud.asText());
        }
        aud.forEach(value -> audiences.add(value.asText()));
        return audiences;
    }

    static List<String> realmRoles(JsonNode claims) {
        List<String> roles = new ArrayList<>();
        claims.path("realm_access").path("roles").forEach(role -> roles.add(role.asText()));
        return roles;
    }

    record Answer(int status, JsonNode body) {
    }
}
