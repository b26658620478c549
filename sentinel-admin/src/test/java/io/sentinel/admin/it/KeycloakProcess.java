package io.sentinel.admin.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real Keycloak, run from the distribution the build unpacked into {@code target/keycloak}: dev
 * mode, on a free loopback port, with an in-memory H2 database, so that every run starts from an
 * empty server. It runs on the JDK that runs the tests (Keycloak needs 21 or newer; the machine's
 * default {@code java} may be older).
 */
final class KeycloakProcess implements AutoCloseable {

    static final String HOME_PROPERTY = "sentinel.test.keycloak.home";
    static final String ADMIN_USER = "admin";
    /** On two busy cores its first start, which also builds its Quarkus application, has taken up to 90 s. */
    private static final Duration START_BUDGET = Duration.ofMinutes(4);
    private static final Duration STOP_BUDGET = Duration.ofSeconds(30);
    private static final int LOG_TAIL_LINES = 40;

    private final Process process;
    private final URI url;
    private final Path log;
    private final String adminPassword;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Duration startUp;

    private KeycloakProcess(Process process, URI url, Path log, String adminPassword) {
        this.process = process;
        this.url = url;
        this.log = log;
        this.adminPassword = adminPassword;
    }

    /** Starts Keycloak and returns once it answers; fails saying why, with the end of its log, if it does not. */
    static KeycloakProcess start() {
        String configured = System.getProperty(HOME_PROPERTY);
        if (configured == null || configured.isBlank()) {
            throw new IllegalStateException("Keycloak cannot start: system property " + HOME_PROPERTY
                    + " is not set; run the tests through Maven, which unpacks org.keycloak:keycloak-quarkus-dist into target/keycloak and sets it");
        }
        return start(Path.of(configured).toAbsolutePath());
    }

    /** Starts the Keycloak distribution unpacked at {@code home}. */
    static KeycloakProcess start(Path home) {
        Path script = home.resolve("bin").resolve("kc.sh");
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("Keycloak cannot start: no " + script
                    + "; the build's maven-dependency-plugin (execution keycloak-server) unpacks org.keycloak:keycloak-quarkus-dist there");
        }
        int port = freeLoopbackPort();
        URI url = URI.create("http://127.0.0.1:" + port);
        Path log = home.resolveSibling("keycloak-" + port + ".log");
        String adminPassword = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));

        var command = new ProcessBuilder("/bin/sh", script.toString(), "start-dev", "--http-host=127.0.0.1", "--http-port=" + port, "--db=dev-mem")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> environment = command.environment();
        environment.keySet().removeIf(name -> name.startsWith("KC_") || name.startsWith("KEYCLOAK_") || name.startsWith("JAVA_OPTS"));
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        environment.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
        environment.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        // A good neighbour to the gateway, broker and database of the same test run on two cores.
        environment.put("JAVA_OPTS_KC_HEAP", "-Xms128m -Xmx768m");
        // Keycloak 26.5 on JDK 24+: Netty still uses sun.misc.Unsafe (a warning per start), and JBoss Threads needs
        // java.lang opened to reset thread locals (errors at every stop). Said here so that its log shows only what matters.
        List<String> append = new ArrayList<>();
        if (Runtime.version().feature() >= 23) {
            append.add("--sun-misc-unsafe-memory-access=allow");
        }
        if (Runtime.version().feature() >= 24) {
            append.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
        }
        environment.put("JAVA_OPTS_APPEND", String.join(" ", append));

        Instant started = Instant.now();
        Process process;
        try {
            process = command.start();
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak cannot start: running " + script + " failed: " + e.getMessage(), e);
        }
        var keycloak = new KeycloakProcess(process, url, log, adminPassword);
        Runtime.getRuntime().addShutdownHook(new Thread(keycloak::close, "keycloak-stop"));
        try {
            keycloak.awaitReady();
        } catch (RuntimeException notReady) {
            keycloak.close();
            throw notReady;
        }
        keycloak.startUp = Duration.between(started, Instant.now());
        System.out.printf("Keycloak %s answered at %s after %.1f s (JDK %s, log %s)%n", home.getFileName(), url, keycloak.startUp.toMillis() / 1000.0,
                Runtime.version(), log);
        return keycloak;
    }

    URI url() {
        return url;
    }

    String issuer(String realm) {
        return url + "/realms/" + realm;
    }

    String adminPassword() {
        return adminPassword;
    }

    Duration startUp() {
        return startUp;
    }

    /** The master realm's public description answers only once Keycloak has initialised its database and opened HTTP. */
    private void awaitReady() {
        HttpRequest probe = HttpRequest.newBuilder(URI.create(url + "/realms/master")).timeout(Duration.ofSeconds(5)).GET().build();
        try {
            await("Keycloak answering at " + url)
                    .atMost(START_BUDGET)
                    .pollDelay(Duration.ofSeconds(1))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new ExitedEarly(process.exitValue());
                        }
                        return answers(probe);
                    });
        } catch (ExitedEarly exited) {
            throw new IllegalStateException("Keycloak exited with code " + exited.code + " before answering at " + url + "; the end of its log ("
                    + log + "):\n" + tail(), exited);
        } catch (ConditionTimeoutException timeout) {
            throw new IllegalStateException("Keycloak did not answer at " + url + " within " + START_BUDGET.toSeconds() + " s; the end of its log ("
                    + log + "):\n" + tail(), timeout);
        }
    }

    private boolean answers(HttpRequest probe) {
        try {
            return http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(its log " + log + " cannot be read: " + e.getMessage() + ")";
        }
    }

    /** Stops Keycloak and every process it started (kc.sh runs Keycloak's JVM as its child). */
    @Override
    public synchronized void close() {
        if (!process.isAlive() && process.descendants().findAny().isEmpty()) {
            return;
        }
        List<ProcessHandle> tree = process.descendants().toList();
        tree.forEach(ProcessHandle::destroy);
        process.destroy();
        for (ProcessHandle handle : tree) {
            awaitExit(handle);
        }
        awaitExit(process.toHandle());
    }

    private static void awaitExit(ProcessHandle handle) {
        try {
            handle.onExit().get(STOP_BUDGET.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException stuck) {
            handle.destroyForcibly();
        } catch (InterruptedException e) {
            handle.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freeLoopbackPort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port for Keycloak: " + e.getMessage(), e);
        }
    }

    private static final class ExitedEarly extends RuntimeException {

        private final int code;

        ExitedEarly(int code) {
            super("exited with code " + code);
            this.code = code;
        }
    }
}
