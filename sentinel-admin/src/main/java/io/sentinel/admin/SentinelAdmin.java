package io.sentinel.admin;

import io.sentinel.admin.keycloak.KeycloakSetupCommand;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Sentinel's administrative commands, run by {@code ./sentinel <command>}. */
public final class SentinelAdmin {

    private SentinelAdmin() {
    }

    public static void main(String[] args) {
        // The HTTP stack logs through java.util.logging; a command-line tool prints its own lines, and only problems besides.
        Logger.getLogger("").setLevel(Level.WARNING);
        System.exit(run(Arrays.asList(args), System.getenv(), System.out, System.err));
    }

    static int run(List<String> args, Map<String, String> environment, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            err.println("usage: sentinel-admin keycloak-setup [options]   (./sentinel keycloak-setup --help)");
            return KeycloakSetupCommand.USAGE;
        }
        return switch (args.getFirst()) {
            case "keycloak-setup" -> new KeycloakSetupCommand(out, err).run(args.subList(1, args.size()), environment);
            default -> {
                err.println("sentinel-admin: unknown command '" + args.getFirst().replaceAll("\\p{Cntrl}", "") + "'; known: keycloak-setup");
                yield KeycloakSetupCommand.USAGE;
            }
        };
    }
}
