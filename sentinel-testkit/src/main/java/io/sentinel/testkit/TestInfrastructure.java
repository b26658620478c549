package io.sentinel.testkit;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One real Kafka broker and one fresh PostgreSQL database per test JVM, shared by the test classes
 * of a module and torn down when the JVM exits.
 */
public final class TestInfrastructure {

    private static KafkaBroker broker;

    private TestInfrastructure() {
    }

    public static synchronized KafkaBroker broker() {
        if (broker == null) {
            broker = KafkaBroker.start();
            broker.provisionTopics();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
        }
        return broker;
    }

    public static DatabaseCoordinates database() {
        return PostgresProvisioner.forTests();
    }

    /** Points a service under test at the shared broker and database, with test-friendly timings. */
    public static void register(DynamicPropertyRegistry registry) {
        KafkaBroker kafka = broker();
        DatabaseCoordinates db = database();
        registry.add("spring.kafka.bootstrap-servers", kafka::bootstrapServers);
        registry.add("spring.datasource.url", db::jdbcUrl);
        registry.add("spring.datasource.username", db::username);
        registry.add("spring.datasource.password", db::password);
        registry.add("server.port", () -> "0");
        registry.add("management.server.port", () -> "0");
        registry.add("sentinel.outbox.poll-interval", () -> "200ms");
        // Spans reach a test's exporter within a tenth of a second rather than Boot's five.
        registry.add("management.opentelemetry.tracing.export.schedule-delay", () -> "100ms");
        // One broker: one copy of each record.
        registry.add("sentinel.kafka.replication-factor", () -> "1");
        registry.add("sentinel.kafka.min-insync-replicas", () -> "1");
        TestKeyring.properties().forEach((name, value) -> registry.add(name, () -> value));
    }
}
