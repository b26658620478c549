package io.sentinel.local;

import io.sentinel.local.stack.DemoService;
import io.sentinel.local.stack.LocalStack;
import io.sentinel.local.stack.SentinelService;
import io.sentinel.local.stack.StackSettings;
import io.sentinel.testkit.DatabaseCoordinates;
import io.sentinel.testkit.PostgresProvisioner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * {@code ./sentinel run}: the whole pipeline on this machine, with a demo workload to break.
 * Ports can be moved with SENTINEL_&lt;SERVICE&gt;_PORT (e.g. SENTINEL_GATEWAY_PORT),
 * SENTINEL_DEMO_STAGING_PORT, SENTINEL_DEMO_PRODUCTION_PORT and SENTINEL_INBOX_PORT; the in-process
 * Kafka broker takes a free port and the banner prints it.
 */
public final class SentinelLocal {

    private static final Path STATE = Path.of(".sentinel");

    private SentinelLocal() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Integer> servicePorts = new LinkedHashMap<>();
        for (SentinelService service : SentinelService.values()) {
            servicePorts.put(service.serviceName(), port("SENTINEL_" + service.name() + "_PORT", service.defaultPort()));
        }
        List<DemoService> demos = List.of(
                new DemoService("shop-staging", "staging", port("SENTINEL_DEMO_STAGING_PORT", 8091), 64, 2),
                new DemoService("shop-prod", "production", port("SENTINEL_DEMO_PRODUCTION_PORT", 8092), 64, 2));
        int inboxPort = port("SENTINEL_INBOX_PORT", 8099);
        requireFreePorts(inboxPort, servicePorts, demos);

        Files.createDirectories(STATE);
        DatabaseCoordinates database = PostgresProvisioner.forLocalStack(STATE.resolve("postgres").toAbsolutePath());
        String adminKey = secret("SENTINEL_BOOTSTRAP_ADMIN_KEY", "admin-key", LocalStack::newAdminKey);
        String ingestToken = secret("SENTINEL_INGEST_TOKEN", "ingest-token", LocalStack::newIngestToken);
        var settings = new StackSettings(database, servicePorts, demos, inboxPort, adminKey, ingestToken, List.of("local"), Map.of(),
                STATE.resolve("signing").toAbsolutePath());

        System.out.println("Starting Sentinel: Kafka, " + database.origin() + ", 2 demo services and 7 Sentinel services ...");
        LocalStack stack = LocalStack.start(settings);
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping Sentinel ...");
            // The in-process broker's test kit deletes its data directory in a shutdown hook of its
            // own, racing the broker's last checkpoint writes; those errors are not news to anyone.
            quiet("kafka", "org.apache.kafka", "state.change.logger", "org.springframework.kafka.test");
            stack.close();
            System.out.println("Stopped.");
            stopped.countDown();
        }, "sentinel-stop"));
        System.out.println(banner(stack, database));
        stopped.await();
    }

    private static void quiet(String... loggers) {
        for (String name : loggers) {
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(name)).setLevel(ch.qos.logback.classic.Level.OFF);
        }
    }

    private static String banner(LocalStack stack, DatabaseCoordinates database) {
        var lines = new StringBuilder();
        lines.append(String.format(Locale.ROOT, "%nSentinel is running (started in %.1f s). Ctrl-C stops everything.%n%n",
                stack.startupTime().toMillis() / 1000.0));
        lines.append(String.format("  Gateway (API)      %s%n", stack.gatewayUrl()));
        lines.append(String.format("  Admin API key      %s   (saved in %s)%n", stack.adminKey(), STATE.resolve("admin-key")));
        lines.append(String.format("  Ingest token       %s   (saved in %s)%n", stack.ingestToken(), STATE.resolve("ingest-token")));
        stack.demos().forEach((name, demo) -> lines.append(String.format("  Demo service       %-13s %s  (environment=%s)%n", name,
                demo.url(), stack.settings().demos().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow().environment())));
        lines.append(String.format("  Notifications      %s (printed here as they arrive)%n", stack.inbox().url()));
        lines.append(String.format("  Kafka              %s%n", stack.bootstrapServers()));
        lines.append(String.format("  PostgreSQL         %s%n", database.origin()));
        for (SentinelService service : SentinelService.values()) {
            lines.append(String.format("  %-18s http://127.0.0.1:%d/actuator/health%n", service.serviceName(), stack.managementPort(service)));
        }
        lines.append(String.format("%nBreak something:   curl -X POST %s/faults/memory-leak%n", stack.demo("shop-staging").url()));
        lines.append(String.format("Watch it:          curl -s -H 'Authorization: Bearer %s' %s/api/incidents%n", stack.adminKey(), stack.gatewayUrl()));
        lines.append(String.format("Send a heartbeat:  curl -X POST -H 'Authorization: Bearer %s' 'http://localhost:%d/api/heartbeats/nightly-backup?every=2m'%n",
                stack.ingestToken(), stack.port(SentinelService.COLLECTOR)));
        return lines.toString();
    }

    /**
     * A secret from the environment, else the one kept in {@code .sentinel/<file>}, else a new one kept
     * there: the database survives restarts, so the keys stored in it must too.
     */
    private static String secret(String variable, String fileName, Supplier<String> generate) throws IOException {
        String configured = System.getenv(variable);
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        Path file = STATE.resolve(fileName);
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        }
        String key = generate.get();
        Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system; the file stays with default permissions.
        }
        return key;
    }

    private static int port(String variable, int fallback) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + " must be a port number, was '" + value + "'");
        }
    }

    private static void requireFreePorts(int inboxPort, Map<String, Integer> servicePorts, List<DemoService> demos) {
        Map<String, Integer> wanted = new LinkedHashMap<>();
        wanted.put("webhook inbox (SENTINEL_INBOX_PORT)", inboxPort);
        servicePorts.forEach((name, port) -> {
            wanted.put(name + " (SENTINEL_" + name.toUpperCase(Locale.ROOT) + "_PORT)", port);
            wanted.put(name + "'s management port (SENTINEL_" + name.toUpperCase(Locale.ROOT) + "_PORT + " + LocalStack.MANAGEMENT_PORT_OFFSET + ")",
                    port + LocalStack.MANAGEMENT_PORT_OFFSET);
        });
        demos.forEach(demo -> wanted.put("demo " + demo.name(), demo.port()));
        List<String> busy = new ArrayList<>();
        wanted.forEach((what, port) -> {
            try (var socket = new ServerSocket(port)) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                busy.add(what + " wants port " + port);
            }
        });
        if (!busy.isEmpty()) {
            throw new UncheckedIOException(new IOException("ports in use (is Sentinel already running?):\n  " + String.join("\n  ", busy)
                    + "\nStop whatever uses them, or move Sentinel with the variables named above."));
        }
    }
}
