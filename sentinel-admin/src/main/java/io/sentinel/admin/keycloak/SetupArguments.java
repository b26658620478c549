package io.sentinel.admin.keycloak;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What {@code ./sentinel keycloak-setup} was asked to do, checked before anything is sent to Keycloak.
 *
 * @param url                Keycloak's base URL, without a trailing slash (e.g. {@code https://sso.example.com})
 * @param adminUser          the Keycloak administrator who does the setup
 * @param adminPassword      that administrator's password
 * @param adminRealm         the realm that administrator belongs to ({@code master} by default)
 * @param realm              the realm Sentinel's people sign in to
 * @param clientId           the client the gateway and the console accept tokens for; also the audience of those tokens
 * @param redirectUris       where the authorization-code flow may return to (the web console)
 * @param firstAdminUsername the first person holding {@code sentinel-admin}
 * @param firstAdminEmail    that person's e-mail address, if given
 * @param firstAdminPassword that person's password, if given; otherwise one is generated and printed once
 * @param timeout            how long to wait for Keycloak to connect, and to answer each request
 */
public record SetupArguments(URI url, String adminUser, Secret adminPassword, String adminRealm, String realm, String clientId,
                             List<String> redirectUris, String firstAdminUsername, Optional<String> firstAdminEmail,
                             Optional<Secret> firstAdminPassword, Duration timeout) {

    /** Where the Keycloak administrator's password may come from instead of {@code --admin-password}: not in the process list, not in the shell history. */
    public static final String ADMIN_PASSWORD_VARIABLE = "SENTINEL_KEYCLOAK_ADMIN_PASSWORD";
    /** The first Sentinel admin's password, when it is chosen rather than generated. */
    public static final String FIRST_ADMIN_PASSWORD_VARIABLE = "SENTINEL_FIRST_ADMIN_PASSWORD";

    static final String DEFAULT_REALM = "sentinel";
    static final String DEFAULT_CLIENT = "sentinel";
    static final String DEFAULT_ADMIN_REALM = "master";
    static final String DEFAULT_FIRST_ADMIN = "admin";
    /** The gateway's default port, where the web console will be served. */
    static final String DEFAULT_REDIRECT_URI = "http://localhost:8080/*";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    static final int MAX_TIMEOUT_SECONDS = 600;

    // Realm and client names end up in URLs and in the gateway's configuration: keep them plain.
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    // Keycloak stores usernames in lower case; a mixed-case name would not be found again as given.
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{2,99}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,190}\\.[^@\\s.]{1,63}");
    private static final int MAX_VALUE_LENGTH = 2048;
    private static final int MAX_PASSWORD_LENGTH = 256;

    public SetupArguments {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(adminUser, "adminUser");
        Objects.requireNonNull(adminPassword, "adminPassword");
        Objects.requireNonNull(adminRealm, "adminRealm");
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(clientId, "clientId");
        redirectUris = List.copyOf(redirectUris);
        Objects.requireNonNull(firstAdminUsername, "firstAdminUsername");
        Objects.requireNonNull(firstAdminEmail, "firstAdminEmail");
        Objects.requireNonNull(firstAdminPassword, "firstAdminPassword");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** The issuer of the realm's tokens, what the gateway's {@code SENTINEL_OIDC_ISSUER_URI} must be. */
    public String issuer() {
        return url + "/realms/" + realm;
    }

    /** The options, one per line, for {@code --help} and for every error about them. */
    public static String usage() {
        return """
                usage: ./sentinel keycloak-setup --url <keycloak> --admin-user <name> [--admin-password <password>] [options]
                  --url <url>              Keycloak's base URL, e.g. https://sso.example.com (required)
                  --admin-user <name>      a Keycloak administrator allowed to create realms (required)
                  --admin-password <pw>    that administrator's password; or set %s (preferred: not in the process list)
                  --admin-realm <name>     the realm that administrator belongs to (default %s)
                  --realm <name>           the realm to create for Sentinel (default %s)
                  --client <id>            the client Sentinel's tokens are issued for, and their audience (default %s)
                  --redirect-uri <uri>     where the web console's sign-in may return to; repeatable (default %s)
                  --admin-username <name>  the first Sentinel admin, in lower case (default %s)
                  --admin-email <address>  that person's e-mail address (optional)
                  --timeout-seconds <n>    how long to wait for Keycloak to connect and to answer each request (default %d)
                The first Sentinel admin's password is generated and printed once, unless %s is set.
                Running it again changes nothing that is already there."""
                .formatted(ADMIN_PASSWORD_VARIABLE, DEFAULT_ADMIN_REALM, DEFAULT_REALM, DEFAULT_CLIENT, DEFAULT_REDIRECT_URI,
                        DEFAULT_FIRST_ADMIN, DEFAULT_TIMEOUT.toSeconds(), FIRST_ADMIN_PASSWORD_VARIABLE);
    }

    /**
     * Reads the command line ({@code --option value} or {@code --option=value}) and the two password
     * variables.
     *
     * @throws InvalidArgumentException naming the option that is missing, unknown, repeated or malformed
     */
    public static SetupArguments parse(List<String> args, Map<String, String> environment) {
        Map<String, String> single = new HashMap<>();
        List<String> redirectUris = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                // Not echoed: a stray word here is often half of a password that was not quoted.
                throw new InvalidArgumentException("unexpected argument at position " + (i + 1) + "; options start with -- (see --help)");
            }
            String option;
            String value;
            int equals = arg.indexOf('=');
            if (equals > 0) {
                option = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            } else {
                option = arg;
                if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                    throw new InvalidArgumentException(option + " needs a value");
                }
                value = args.get(++i);
            }
            if (!OPTIONS.contains(option)) {
                throw new InvalidArgumentException("unknown option " + printable(option) + " (see --help)");
            }
            checkValue(option, value);
            if (option.equals("--redirect-uri")) {
                redirectUris.add(value);
            } else if (single.putIfAbsent(option, value) != null) {
                throw new InvalidArgumentException(option + " is given twice");
            }
        }

        URI url = keycloakUrl(required(single, "--url"));
        String adminUser = required(single, "--admin-user");
        Secret adminPassword = password(single.get("--admin-password"), environment.get(ADMIN_PASSWORD_VARIABLE),
                "--admin-password (or " + ADMIN_PASSWORD_VARIABLE + ")");
        String adminRealm = name(single.getOrDefault("--admin-realm", DEFAULT_ADMIN_REALM), "--admin-realm");
        String realm = name(single.getOrDefault("--realm", DEFAULT_REALM), "--realm");
        String client = name(single.getOrDefault("--client", DEFAULT_CLIENT), "--client");
        String firstAdmin = single.getOrDefault("--admin-username", DEFAULT_FIRST_ADMIN);
        if (!USERNAME.matcher(firstAdmin).matches()) {
            throw new InvalidArgumentException("--admin-username must be 3 to 100 lower-case letters, digits and . _ @ -, starting with a letter or digit");
        }
        Optional<String> email = Optional.ofNullable(single.get("--admin-email"));
        email.ifPresent(address -> {
            if (!EMAIL.matcher(address).matches()) {
                throw new InvalidArgumentException("--admin-email is not an e-mail address");
            }
        });
        Optional<Secret> firstAdminPassword = Optional.ofNullable(environment.get(FIRST_ADMIN_PASSWORD_VARIABLE)).map(given -> {
            if (given.isEmpty()) {
                throw new InvalidArgumentException(FIRST_ADMIN_PASSWORD_VARIABLE + " is empty; unset it to have a password generated");
            }
            return password(null, given, FIRST_ADMIN_PASSWORD_VARIABLE);
        });
        List<String> uris = redirectUris.isEmpty() ? List.of(DEFAULT_REDIRECT_URI) : redirectUris.stream().map(SetupArguments::redirectUri).toList();
        Set<String> distinct = new LinkedHashSet<>(uris);
        return new SetupArguments(url, adminUser, adminPassword, adminRealm, realm, client, List.copyOf(distinct), firstAdmin, email,
                firstAdminPassword, timeout(single.get("--timeout-seconds")));
    }

    private static final Set<String> OPTIONS = Set.of("--url", "--admin-user", "--admin-password", "--admin-realm", "--realm", "--client",
            "--redirect-uri", "--admin-username", "--admin-email", "--timeout-seconds");

    private static void checkValue(String option, String value) {
        if (value.length() > MAX_VALUE_LENGTH) {
            throw new InvalidArgumentException(option + " is longer than " + MAX_VALUE_LENGTH + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidArgumentException(option + " contains a control character");
        }
    }

    private static String required(Map<String, String> options, String option) {
        String value = options.get(option);
        if (value == null || value.isBlank()) {
            throw new InvalidArgumentException(option + " is required");
        }
        return value;
    }

    private static Secret password(String fromOption, String fromEnvironment, String what) {
        String value = fromOption != null ? fromOption : fromEnvironment;
        if (value == null || value.isEmpty()) {
            throw new InvalidArgumentException(what + " is required");
        }
        if (value.length() > MAX_PASSWORD_LENGTH) {
            throw new InvalidArgumentException(what + " is longer than " + MAX_PASSWORD_LENGTH + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidArgumentException(what + " contains a control character");
        }
        return new Secret(value);
    }

    private static String name(String value, String option) {
        if (!NAME.matcher(value).matches()) {
            throw new InvalidArgumentException(option + " must be 1 to 100 letters, digits and . _ -, starting with a letter or digit");
        }
        return value;
    }

    private static URI keycloakUrl(String value) {
        URI url = httpUri(value, "--url");
        if (url.getRawQuery() != null || url.getRawFragment() != null || url.getRawUserInfo() != null) {
            throw new InvalidArgumentException("--url must be Keycloak's base URL, without user, query or fragment, e.g. https://sso.example.com");
        }
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        if (path.contains("/realms/") || path.endsWith("/realms") || path.contains("/admin")) {
            throw new InvalidArgumentException("--url must be Keycloak's base URL, not a realm's or the console's (drop everything from /realms or /admin)");
        }
        String base = url.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base);
    }

    private static String redirectUri(String value) {
        // Keycloak allows one wildcard, at the very end.
        int wildcard = value.indexOf('*');
        if (wildcard >= 0 && wildcard != value.length() - 1) {
            throw new InvalidArgumentException("--redirect-uri may contain * only at its end");
        }
        httpUri(wildcard >= 0 ? value.substring(0, wildcard) : value, "--redirect-uri");
        return value;
    }

    private static URI httpUri(String value, String option) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new InvalidArgumentException(option + " is not a URL: " + printable(e.getReason()));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new InvalidArgumentException(option + " must be an absolute http or https URL with a host, e.g. https://sso.example.com");
        }
        return uri;
    }

    private static Duration timeout(String value) {
        if (value == null) {
            return DEFAULT_TIMEOUT;
        }
        try {
            int seconds = Integer.parseInt(value);
            if (seconds >= 1 && seconds <= MAX_TIMEOUT_SECONDS) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // answered below, like any other out-of-range value
        }
        throw new InvalidArgumentException("--timeout-seconds must be a whole number from 1 to " + MAX_TIMEOUT_SECONDS);
    }

    /** A value echoed in an error, shortened and stripped of anything that could rewrite the terminal. */
    private static String printable(String value) {
        String visible = value.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return visible.length() > 60 ? visible.substring(0, 60) + "…" : visible;
    }
}
