package io.sentinel.local.stack;

import io.sentinel.gateway.auth.ApiKeySecret;
import io.sentinel.local.demo.DemoConfig;
import io.sentinel.local.demo.DemoServer;
import io.sentinel.local.demo.DemoWorkload;
import io.sentinel.local.inbox.WebhookInbox;
import io.sentinel.testkit.KafkaBroker;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole pipeline in one JVM: a real KRaft broker, PostgreSQL, the demo services, a webhook inbox
 * and the seven Sentinel services, each a separate Spring application with its own port, its own
 * configuration file and its own database schema. They share nothing but the broker.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    /** Spring Security's auto-configuration, which the shared classpath offers every service. */
    private static final List<String> SECURITY_AUTO_CONFIGURATION = List.of(
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration");

    /** Each service's management port is its own port plus this (gateway 8080, its health on 9080). */
    public static final int MANAGEMENT_PORT_OFFSET = 1000;

    private final StackSettings settings;
    private final Consumer<SpringApplication> customizer;
    private final List<AutoCloseable> started = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, DemoServer> demos = new LinkedHashMap<>();
    private final Map<SentinelService, ConfigurableApplicationContext> services = new EnumMap<>(SentinelService.class);
    private KafkaBroker broker;
    private WebhookInbox inbox;
    private SigningKeys signingKeys;
    private Duration startupTime;

    private LocalStack(StackSettings settings, Consumer<SpringApplication> customizer) {
        this.settings = settings;
        this.customizer = customizer;
    }

    public static LocalStack start(StackSettings settings) {
        return start(settings, application -> { });
    }

    /**
     * As {@link #start(StackSettings)}, with each service's application adjusted before it runs:
     * how the end-to-end tests give every service the same span exporter to read traces from.
     */
    public static LocalStack start(StackSettings settings, Consumer<SpringApplication> customizer) {
        var stack = new LocalStack(settings, customizer);
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startAll() {
        long begin = System.nanoTime();
        // Seven applications in one JVM must not each re-initialise the shared logging system; the
        // launcher configures logback once, and Tomcat's java.util.logging goes through it too.
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();

        broker = KafkaBroker.start();
        started.add(broker);
        broker.provisionTopics();
        log.info("kafka broker up at {}", broker.bootstrapServers());

        for (DemoService demo : settings.demos()) {
            var workload = new DemoWorkload(demo.name(), demo.memoryLimitMb(), demo.leakMbPerSecond(), new DemoConfig(16, "1.4.2"));
            DemoServer server = DemoServer.start(workload, demo.port());
            demos.put(demo.name(), server);
            started.add(server);
        }

        String webhookSecret = HexFormat.of().formatHex(randomBytes(24));
        inbox = WebhookInbox.start(settings.inboxPort(), webhookSecret);
        started.add(inbox);

        signingKeys = SigningKeys.forServices(Arrays.stream(SentinelService.values()).map(SentinelService::serviceName).toList(),
                settings.signingKeys());
        startServices(webhookSecret);
        startupTime = Duration.ofNanos(System.nanoTime() - begin);
    }

    private void startServices(String webhookSecret) {
        Map<SentinelService, Future<ConfigurableApplicationContext>> starting = new EnumMap<>(SentinelService.class);
        // Platform threads: starting an application is mostly class loading and initialisation, which
        // pins virtual threads to their carriers; seven of them on two carriers deadlock.
        try (var executor = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("start-", 0).factory())) {
            for (SentinelService service : SentinelService.values()) {
                String[] args = arguments(service, webhookSecret).entrySet().stream()
                        .map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                        .toArray(String[]::new);
                SpringApplication application = service.application();
                customizer.accept(application);
                starting.put(service, executor.submit(() -> application.run(args)));
            }
        }
        List<String> failures = new ArrayList<>();
        starting.forEach((service, future) -> {
            try {
                ConfigurableApplicationContext context = future.get();
                services.put(service, context);
                started.add(context);
            } catch (ExecutionException e) {
                failures.add(service.serviceName() + ": " + rootMessage(e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.add(service.serviceName() + ": interrupted");
            }
        });
        if (!failures.isEmpty()) {
            throw new IllegalStateException("Sentinel services failed to start:\n  " + String.join("\n  ", failures));
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == error ? String.valueOf(error.getMessage()) : error.getMessage() + " (cause: " + root.getMessage() + ")";
    }

    private Map<String, String> arguments(SentinelService service, String webhookSecret) {
        Map<String, String> args = new LinkedHashMap<>();
        int port = settings.portOf(service.serviceName());
        args.put("server.port", String.valueOf(port));
        args.put("management.server.port", String.valueOf(port == 0 ? 0 : port + MANAGEMENT_PORT_OFFSET));
        args.put("spring.kafka.bootstrap-servers", broker.bootstrapServers());
        args.put("spring.datasource.url", settings.database().jdbcUrl());
        args.put("spring.datasource.username", settings.database().username());
        args.put("spring.datasource.password", settings.database().password());
        args.put("sentinel.db.pool-size", "3");
        // One local broker: one copy of each record.
        args.put("sentinel.kafka.replication-factor", "1");
        args.put("sentinel.kafka.min-insync-replicas", "1");
        args.putAll(signingKeys.propertiesFor(service.serviceName()));
        args.put("spring.profiles.active", String.join(",", settings.profiles()));
        args.put("spring.main.banner-mode", "off");
        // The stack stops its services itself, in order; seven competing shutdown hooks would not.
        args.put("spring.main.register-shutdown-hook", "false");
        if (!service.securesItsOwnEndpoints()) {
            args.put("spring.autoconfigure.exclude", String.join(",", SECURITY_AUTO_CONFIGURATION));
        }
        switch (service) {
            case COLLECTOR -> {
                args.put("SENTINEL_INGEST_TOKEN", settings.ingestToken());
                int index = 0;
                for (DemoService demo : settings.demos()) {
                    String prefix = "sentinel.collector.scrape.targets[" + index++ + "].";
                    args.put(prefix + "name", demo.name());
                    args.put(prefix + "url", demos.get(demo.name()).url() + "/metrics");
                    args.put(prefix + "labels.environment", demo.environment());
                    args.put(prefix + "labels.service", "shop");
                }
            }
            case ANALYZER, POLICY -> args.putAll(inventory());
            case EXECUTOR -> {
                args.putAll(inventory());
                // The executor may call the demo services it acts on, and only them: each by host and
                // port, on loopback, which only the local stack allows.
                int index = 0;
                for (DemoServer demo : demos.values()) {
                    args.put("sentinel.executor.http.allowed-hosts[" + index++ + "]", "127.0.0.1:" + demo.port());
                }
                args.put("sentinel.executor.http.allowed-networks[0]", "127.0.0.0/8");
            }
            case NOTIFIER -> {
                args.put("sentinel.notifier.webhooks[0].name", "local-inbox");
                args.put("sentinel.notifier.webhooks[0].url", inbox.url());
                args.put("sentinel.notifier.webhooks[0].secret", webhookSecret);
            }
            case GATEWAY -> args.put("sentinel.gateway.auth.bootstrap-admin-key", settings.adminKey());
            default -> {
            }
        }
        args.putAll(settings.overridesOf(service.serviceName()));
        return args;
    }

    /** The demo services are the inventory: each its own target, in its environment, at its URL. */
    private Map<String, String> inventory() {
        Map<String, String> args = new LinkedHashMap<>();
        int index = 0;
        for (DemoService demo : settings.demos()) {
            String prefix = "sentinel.inventory.targets[" + index++ + "].";
            args.put(prefix + "name", demo.name());
            args.put(prefix + "environment", demo.environment());
            args.put(prefix + "urls[0]", demos.get(demo.name()).url());
        }
        return args;
    }

    public String gatewayUrl() {
        return "http://localhost:" + port(SentinelService.GATEWAY);
    }

    public int port(SentinelService service) {
        return Integer.parseInt(services.get(service).getEnvironment().getProperty("local.server.port", "0"));
    }

    /** Where the service's health and metrics are: its management port, on loopback. */
    public int managementPort(SentinelService service) {
        return Integer.parseInt(services.get(service).getEnvironment().getProperty("local.management.port", "0"));
    }

    public DemoServer demo(String name) {
        DemoServer demo = demos.get(name);
        if (demo == null) {
            throw new IllegalArgumentException("no demo service '" + name + "'; have " + demos.keySet());
        }
        return demo;
    }

    public Map<String, DemoServer> demos() {
        return Collections.unmodifiableMap(demos);
    }

    public WebhookInbox inbox() {
        return inbox;
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public String adminKey() {
        return settings.adminKey();
    }

    public String ingestToken() {
        return settings.ingestToken();
    }

    /** A random token for the collector's ingest endpoints. */
    public static String newIngestToken() {
        return HexFormat.of().formatHex(randomBytes(24));
    }

    public StackSettings settings() {
        return settings;
    }

    public Duration startupTime() {
        return startupTime;
    }

    public ConfigurableApplicationContext context(SentinelService service) {
        return services.get(service);
    }

    /** Stops everything in reverse order of start: services first, the broker last. */
    @Override
    public void close() {
        List<AutoCloseable> reversed = new ArrayList<>(started);
        Collections.reverse(reversed);
        for (AutoCloseable closeable : reversed) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.warn("stopping {} failed: {}", closeable.getClass().getSimpleName(), e.toString());
            }
        }
        started.clear();
    }

    /** An admin key in exactly the gateway's format: generated by the gateway's own generator. */
    public static String newAdminKey() {
        return ApiKeySecret.generate(new SecureRandom()).value();
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
