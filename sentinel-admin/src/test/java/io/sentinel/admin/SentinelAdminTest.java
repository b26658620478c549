package io.sentinel.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SentinelAdminTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void helpPrintsEveryOptionAndExitsZero() {
        int code = run("keycloak-setup", "--help");

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--url", "--admin-user", "--admin-password", "--admin-realm", "--realm", "--client",
                "--redirect-uri", "--admin-username", "--admin-email", "--timeout-seconds", "SENTINEL_KEYCLOAK_ADMIN_PASSWORD",
                "SENTINEL_FIRST_ADMIN_PASSWORD");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void anUnknownCommandOrNoneIsAUsageError() {
        assertThat(run("keycloak-teardown")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("sentinel-admin: unknown command 'keycloak-teardown'; known: keycloak-setup"
                + System.lineSeparator());
        assertThat(run()).isEqualTo(2);
    }

    @Test
    void aWrongCommandLineIsOneLineOnStandardErrorAndExitCodeTwo() {
        int code = run("keycloak-setup", "--url", "https://sso.example.com", "--admin-user", "root");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "keycloak-setup: --admin-password (or SENTINEL_KEYCLOAK_ADMIN_PASSWORD) is required (see --help)");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    private int run(String... args) {
        return SentinelAdmin.run(List.of(args), Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
