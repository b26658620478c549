package io.sentinel.gateway.slack;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which {@code response_url} the gateway will call: only one on an allowed origin (by default
 * {@code https://hooks.slack.com}), compared by scheme, host and port, never by a prefix of the text,
 * so that {@code https://hooks.slack.com.evil.example/} or {@code https://user@evil/} is refused. Pure.
 */
public final class ResponseUrls {

    private final List<URI> origins;

    public ResponseUrls(List<URI> origins) {
        this.origins = List.copyOf(origins);
    }

    /** The URL to call, if {@code raw} is an absolute URL without user info on an allowed origin. */
    public Optional<URI> allowed(String raw) {
        if (raw == null || raw.isBlank() || raw.length() > 2048) {
            return Optional.empty();
        }
        URI url;
        try {
            url = new URI(raw);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (!url.isAbsolute() || url.getRawUserInfo() != null || url.getHost() == null) {
            return Optional.empty();
        }
        return origins.stream().anyMatch(origin -> sameOrigin(origin, url)) ? Optional.of(url) : Optional.empty();
    }

    static boolean isOrigin(URI origin) {
        return origin != null && origin.isAbsolute() && origin.getHost() != null && origin.getRawUserInfo() == null
                && ("https".equals(origin.getScheme()) || "http".equals(origin.getScheme()))
                && (origin.getRawPath() == null || origin.getRawPath().isEmpty() || "/".equals(origin.getRawPath()))
                && origin.getRawQuery() == null && origin.getRawFragment() == null;
    }

    private static boolean sameOrigin(URI origin, URI url) {
        return origin.getScheme().equalsIgnoreCase(url.getScheme())
                && origin.getHost().toLowerCase(Locale.ROOT).equals(url.getHost().toLowerCase(Locale.ROOT))
                && port(origin) == port(url);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
