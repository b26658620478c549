package io.sentinel.admin.it;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness itself: where Keycloak cannot start, the tests that need it fail saying why, never pass. */
class KeycloakProcessTest {

    @Test
    void aMissingDistributionIsNamed(@TempDir Path empty) {
        assertThatThrownBy(() -> KeycloakProcess.start(empty))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Keycloak cannot start: no " + empty.resolve("bin/kc.sh"))
                .hasMessageContaining("keycloak-quarkus-dist");
    }

    @Test
    void aKeycloakThatExitsAtOnceFailsWithTheEndOfItsLog(@TempDir Path parent) throws IOException {
        Path home = Files.createDirectories(parent.resolve("keycloak-broken"));
        Path script = Files.createDirectories(home.resolve("bin")).resolve("kc.sh");
        Files.writeString(script, """
                echo "Starting Keycloak on JAVA_HOME=$JAVA_HOME"
                echo "ERROR: Failed to start server in (development) mode: port already in use" >&2
                exit 3
                """);

        assertThatThrownBy(() -> KeycloakProcess.start(home))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Keycloak exited with code 3 before answering at http://127.0.0.1:")
                .hasMessageContaining("Starting Keycloak on JAVA_HOME=" + System.getProperty("java.home"))
                .hasMessageContaining("ERROR: Failed to start server in (development) mode: port already in use");
    }
}
