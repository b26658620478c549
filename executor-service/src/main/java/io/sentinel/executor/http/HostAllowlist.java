package io.sentinel.executor.http;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The hosts playbook steps may call. An entry is {@code host} (any port), {@code host:port}, or a
 * wildcard {@code *.suffix} (any subdomain of the suffix, not the suffix itself), optionally with a
 * port. Hosts compare case-insensitively; a URL without a port uses its scheme's default.
 */
public final class HostAllowlist {

    static final String PROPERTY = "sentinel.executor.http.allowed-hosts";

    private final List<Entry> entries;

    public HostAllowlist(List<String> entries) {
        this.entries = entries.stream().map(Entry::parse).toList();
    }

    /** Why the URL may not be called, or empty if it may. */
    public Optional<String> refusal(URI url) {
        String host = url.getHost();
        if (host == null) {
            return Optional.of("the URL names no host");
        }
        int port = url.getPort() != -1 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        String normalized = host.toLowerCase(Locale.ROOT);
        if (entries.stream().anyMatch(entry -> entry.matches(normalized, port))) {
            return Optional.empty();
        }
        return Optional.of("host " + host + ":" + port + " is not allowed; add it to " + PROPERTY);
    }

    /** Checks an entry's syntax; returns what is wrong with it, if anything. */
    static Optional<String> problemWith(String entry) {
        try {
            Entry.parse(entry);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    private record Entry(String host, boolean wildcard, int port) {

        static Entry parse(String text) {
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("an entry is blank");
            }
            String value = text.trim().toLowerCase(Locale.ROOT);
            int port = -1;
            int colon = value.lastIndexOf(':');
            // A bracketed IPv6 literal has colons of its own; only a colon after the bracket starts a port.
            if (colon > value.lastIndexOf(']')) {
                port = parsePort(text, value.substring(colon + 1));
                value = value.substring(0, colon);
            }
            boolean wildcard = value.startsWith("*.");
            String host = wildcard ? value.substring(2) : value;
            if (host.isEmpty() || host.contains("*") || host.contains("/")) {
                throw new IllegalArgumentException("'" + text + "' is not a host, host:port or *.suffix");
            }
            return new Entry(host, wildcard, port);
        }

        private static int parsePort(String text, String port) {
            try {
                int number = Integer.parseInt(port);
                if (number >= 1 && number <= 65535) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("'" + text + "' has an invalid port '" + port + "'");
        }

        boolean matches(String candidateHost, int candidatePort) {
            if (port != -1 && port != candidatePort) {
                return false;
            }
            return wildcard ? candidateHost.endsWith("." + host) : candidateHost.equals(host);
        }
    }
}
