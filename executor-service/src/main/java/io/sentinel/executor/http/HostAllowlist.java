package io.sentinel.executor.http;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The hosts and ports playbook steps may call. Every entry names a port: {@code host:port},
 * {@code *.suffix:port} (any subdomain of the suffix, not the suffix itself) or {@code [v6-address]:port}.
 * Hosts compare case-insensitively; a URL without a port uses its scheme's default. Empty: nothing
 * may be called.
 */
public final class HostAllowlist {

    static final String PROPERTY = "sentinel.executor.http.allowed-hosts";
    private static final Pattern HOST_NAME = Pattern.compile("[a-z0-9_]([a-z0-9_.-]*[a-z0-9_])?");

    private final List<Entry> entries;

    public HostAllowlist(List<String> entries) {
        this.entries = entries.stream().map(Entry::parse).toList();
    }

    /**
     * Why the host and port may not be called, or empty if they may.
     *
     * @param host as in a URL (IPv6 in brackets)
     */
    public Optional<String> refusal(String host, int port) {
        if (entries.isEmpty()) {
            return Optional.of("no host may be called: " + PROPERTY + " is empty");
        }
        String normalized = host.toLowerCase(Locale.ROOT);
        Optional<InetAddress> literal = IpLiterals.parse(normalized);
        if (entries.stream().anyMatch(entry -> entry.matches(normalized, literal, port))) {
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

    private record Entry(String host, boolean wildcard, Optional<InetAddress> literal, int port) {

        static Entry parse(String text) {
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("an entry is blank");
            }
            String value = text.trim().toLowerCase(Locale.ROOT);
            int colon = value.lastIndexOf(':');
            boolean bracketed = value.startsWith("[");
            if (colon < 0 || (bracketed && colon < value.indexOf(']'))) {
                throw new IllegalArgumentException("'" + text + "' names no port; write host:port (e.g. " + value + ":8080), "
                        + "*.suffix:port or [v6-address]:port");
            }
            String host = value.substring(0, colon);
            int port = parsePort(text, value.substring(colon + 1));
            if (bracketed) {
                Optional<InetAddress> literal = IpLiterals.parse(host);
                if (!host.endsWith("]") || literal.isEmpty()) {
                    throw new IllegalArgumentException("'" + text + "' is not a bracketed IPv6 address with a port");
                }
                return new Entry(host, false, literal, port);
            }
            if (host.contains(":")) {
                throw new IllegalArgumentException("'" + text + "': an IPv6 address goes in brackets, e.g. [::1]:8080");
            }
            boolean wildcard = host.startsWith("*.");
            String name = wildcard ? host.substring(2) : host;
            if (!HOST_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("'" + text + "' is not a host:port, *.suffix:port or [v6-address]:port");
            }
            return new Entry(name, wildcard, wildcard ? Optional.empty() : IpLiterals.parse(name), port);
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

        boolean matches(String candidateHost, Optional<InetAddress> candidateLiteral, int candidatePort) {
            if (port != candidatePort) {
                return false;
            }
            if (wildcard) {
                return candidateLiteral.isEmpty() && candidateHost.endsWith("." + host);
            }
            if (literal.isPresent() && candidateLiteral.isPresent()) {
                return literal.get().equals(candidateLiteral.get());
            }
            return candidateHost.equals(host);
        }
    }
}
