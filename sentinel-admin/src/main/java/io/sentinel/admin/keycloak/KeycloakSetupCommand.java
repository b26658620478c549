package io.sentinel.admin.keycloak;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.keycloak.admin.client.JacksonProvider;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.spi.ResteasyClientClassicProvider;

/**
 * {@code ./sentinel keycloak-setup}: reads the command line, signs the Keycloak administrator in,
 * ensures the realm and prints each item as it is done. Exit codes: 0 done, 1 Keycloak could not be
 * set up (the one line on standard error says why), 2 the command line is wrong.
 */
public final class KeycloakSetupCommand {

    public static final int DONE = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    static final String NAME = "keycloak-setup";
    /** The client every realm has for administrative sign-in with a password. */
    private static final String ADMIN_CLI = "admin-cli";

    private final PrintStream out;
    private final PrintStream err;
    private final Supplier<Secret> passwords;

    public KeycloakSetupCommand(PrintStream out, PrintStream err) {
        this(out, err, new GeneratedPasswords(new SecureRandom()));
    }

    KeycloakSetupCommand(PrintStream out, PrintStream err, Supplier<Secret> passwords) {
        this.out = out;
        this.err = err;
        this.passwords = passwords;
    }

    public int run(List<String> args, Map<String, String> environment) {
        if (args.contains("--help") || args.contains("-h")) {
            out.println(SetupArguments.usage());
            return DONE;
        }
        SetupArguments arguments;
        try {
            arguments = SetupArguments.parse(args, environment);
        } catch (InvalidArgumentException wrong) {
            err.println(NAME + ": " + wrong.getMessage() + " (see --help)");
            return USAGE;
        }
        var progress = new Progress();
        try {
            SetupReport report = setUp(arguments, progress);
            progress.printGeneratedPassword(arguments);
            printSummary(arguments, report);
            return DONE;
        } catch (KeycloakSetupException failure) {
            progress.printGeneratedPassword(arguments);
            err.println(NAME + ": " + failure.getMessage());
            return FAILED;
        } catch (RuntimeException unexpected) {
            progress.printGeneratedPassword(arguments);
            // Not anticipated by KeycloakFailures; still one line, still without any password (none is in an exception's message).
            err.println(NAME + ": unexpected failure talking to Keycloak at " + arguments.url() + ": " + unexpected.getClass().getName() + ": "
                    + KeycloakFailures.oneLine(String.valueOf(unexpected.getMessage())));
            return FAILED;
        }
    }

    /** Prints each item as it is done, and keeps a generated password to print after the items, whatever happens next. */
    private final class Progress implements SetupListener {

        private String username;
        private Secret generated;

        @Override
        public void itemDone(SetupStep step) {
            out.println("  " + step.line());
        }

        @Override
        public void passwordGenerated(String username, Secret password) {
            this.username = username;
            this.generated = password;
        }

        void printGeneratedPassword(SetupArguments arguments) {
            if (generated == null) {
                return;
            }
            out.println();
            // The one deliberate exception to "secrets are never printed": nobody else will ever see this password.
            out.println("Password of user " + username + ", generated and shown only this once: " + generated.value());
            out.println("Store it now; change it at " + arguments.url() + "/realms/" + arguments.realm() + "/account");
            generated = null;
        }
    }

    private SetupReport setUp(SetupArguments arguments, SetupListener progress) {
        var failures = new KeycloakFailures(arguments.url(), arguments.timeout());
        out.println("Setting up Keycloak at " + arguments.url() + " for Sentinel: realm " + arguments.realm() + ", client " + arguments.clientId());
        try (Keycloak keycloak = connect(arguments)) {
            try {
                keycloak.tokenManager().getAccessToken();
            } catch (RuntimeException refused) {
                throw failures.signingIn(refused, arguments.adminUser(), arguments.adminRealm());
            }
            return new KeycloakSetup(keycloak, failures, passwords).apply(SentinelRealm.of(arguments), FirstAdmin.of(arguments), progress);
        }
    }

    private void printSummary(SetupArguments arguments, SetupReport report) {
        String user = "user " + arguments.firstAdminUsername();
        boolean userCreated = report.step(user).map(step -> step.outcome() == Outcome.CREATED).orElse(false);
        if (userCreated && arguments.firstAdminEmail().isEmpty()) {
            out.println("Note: " + user + " has no e-mail address. Keycloak asks for one at the first sign-in in the browser,"
                    + " and refuses the password grant ('Account is not fully set up') until then; --admin-email avoids that.");
        }
        out.println();
        out.println(report.changedAnything() ? "Done." : "Nothing to do: everything was already present.");
        out.println("Point the gateway at the realm: SENTINEL_OIDC_ISSUER_URI=" + arguments.issuer());
    }

    private static Keycloak connect(SetupArguments arguments) {
        long timeout = arguments.timeout().toMillis();
        var http = ResteasyClientClassicProvider.createClientBuilder()
                .connectTimeout(timeout, TimeUnit.MILLISECONDS)
                .readTimeout(timeout, TimeUnit.MILLISECONDS)
                .connectionCheckoutTimeout(timeout, TimeUnit.MILLISECONDS)
                .register(JacksonProvider.class, 100)
                .build();
        return KeycloakBuilder.builder()
                .serverUrl(arguments.url().toString())
                .realm(arguments.adminRealm())
                .clientId(ADMIN_CLI)
                .grantType("password")
                .username(arguments.adminUser())
                .password(arguments.adminPassword().value())
                .resteasyClient(http)
                .build();
    }
}
