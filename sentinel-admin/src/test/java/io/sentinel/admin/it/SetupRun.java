package io.sentinel.admin.it;

import io.sentinel.admin.keycloak.KeycloakSetupCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of {@code keycloak-setup} as {@code ./sentinel} runs it, in this JVM, with what it printed.
 *
 * @param exitCode what the process would exit with
 * @param out      standard output
 * @param err      standard error
 */
record SetupRun(int exitCode, String out, String err) {

    private static final Pattern GENERATED = Pattern.compile("generated and shown only this once: (\\S+)");

    static SetupRun of(List<String> args, Map<String, String> environment) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code;
        try (var outStream = new PrintStream(out, true, StandardCharsets.UTF_8); var errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = new KeycloakSetupCommand(outStream, errStream).run(args, environment);
        }
        return new SetupRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The command line against the test's Keycloak, as its bootstrap administrator, for one realm, plus {@code more}. */
    static SetupRun against(KeycloakProcess keycloak, String realm, String... more) {
        var args = new java.util.ArrayList<>(List.of("--url", keycloak.url().toString(), "--admin-user", KeycloakProcess.ADMIN_USER,
                "--admin-password", keycloak.adminPassword(), "--realm", realm));
        args.addAll(List.of(more));
        return of(args, Map.of());
    }

    /** The outcome printed for an item, e.g. {@code created} for {@code realm role sentinel-admin}. */
    Optional<String> outcomeOf(String item) {
        return out.lines().map(String::strip).filter(line -> line.startsWith(item + " ")).findFirst()
                .map(line -> line.substring(item.length()).strip());
    }

    /** The item lines: everything indented under the heading. */
    List<String> itemLines() {
        return out.lines().filter(line -> line.startsWith("  ")).map(String::strip).toList();
    }

    Optional<String> generatedPassword() {
        Matcher matcher = GENERATED.matcher(out);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
