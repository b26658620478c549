package io.sentinel.runtime.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults every Sentinel service shares, at the lowest precedence so any service's
 * {@code application.yaml}, environment variable or system property overrides them. Keeping them in
 * one place is what makes the services behave alike: the same consumer semantics (dead-letter
 * topic, retries, no retry for poison), the same database layout (one schema per service), the
 * same operational endpoints.
 */
public class SentinelServiceDefaults implements EnvironmentPostProcessor {

    static final String PROPERTY_SOURCE_NAME = "sentinelServiceDefaults";
    static final String OTLP_TRACES_ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
            Map<String, Object> defaults = defaults();
            defaults.putAll(traceExport(environment::getProperty));
            environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults));
        }
    }

    /**
     * Where spans go: {@code SENTINEL_OTLP_ENDPOINT} is the collector's base URL (as
     * {@code OTEL_EXPORTER_OTLP_ENDPOINT} is, e.g. {@code http://localhost:4318}); Spring Boot wants
     * the traces URL. Spring Boot 3's {@code management.otlp.tracing.endpoint} is still understood.
     * Nothing is set when neither is: Boot exports only when the endpoint property exists at all.
     */
    static Map<String, Object> traceExport(Function<String, String> environment) {
        String current = environment.apply(OTLP_TRACES_ENDPOINT);
        if (current != null && !current.isBlank()) {
            return Map.of();
        }
        String legacy = environment.apply("management.otlp.tracing.endpoint");
        if (legacy != null && !legacy.isBlank()) {
            return Map.of(OTLP_TRACES_ENDPOINT, legacy.trim());
        }
        String base = environment.apply("SENTINEL_OTLP_ENDPOINT");
        if (base == null || base.isBlank()) {
            return Map.of();
        }
        String trimmed = base.trim().replaceAll("/+$", "");
        return Map.of(OTLP_TRACES_ENDPOINT, trimmed.endsWith("/v1/traces") ? trimmed : trimmed + "/v1/traces");
    }

    static Map<String, Object> defaults() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("spring.application.name", "${sentinel.service.name}");
        defaults.put("spring.threads.virtual.enabled", true);

        // Kafka: one bootstrap setting feeds both the binder (consumers) and the event producer.
        defaults.put("spring.kafka.bootstrap-servers", "${SENTINEL_KAFKA_BOOTSTRAP_SERVERS:localhost:9092}");
        defaults.put("spring.cloud.stream.kafka.binder.brokers", "${spring.kafka.bootstrap-servers}");
        defaults.put("spring.cloud.stream.kafka.binder.replication-factor", "${sentinel.kafka.replication-factor:3}");
        defaults.put("spring.cloud.stream.kafka.binder.min-partition-count", "${sentinel.kafka.partitions:3}");
        defaults.put("spring.cloud.stream.default.group", "${sentinel.service.name}");
        // Transient failures (database briefly away) are retried with back-off, then dead-lettered;
        // a record that breaks the contract is dead-lettered at once: retrying cannot fix it.
        defaults.put("spring.cloud.stream.default.consumer.max-attempts", 5);
        defaults.put("spring.cloud.stream.default.consumer.back-off-initial-interval", 500);
        defaults.put("spring.cloud.stream.default.consumer.back-off-max-interval", 10_000);
        defaults.put("spring.cloud.stream.default.consumer.retryable-exceptions[io.sentinel.events.EventContractViolation]", false);
        defaults.put("spring.cloud.stream.kafka.default.consumer.enable-dlq", true);
        // Runtime settings: a service that lists `config` in its function definition reads the whole
        // compacted topic at every start, in every instance (an anonymous group has no dead-letter topic).
        defaults.put("spring.cloud.stream.bindings.config-in-0.destination", "sentinel.config.v1");
        defaults.put("spring.cloud.stream.bindings.config-in-0.group", "");
        defaults.put("spring.cloud.stream.kafka.bindings.config-in-0.consumer.start-offset", "earliest");
        defaults.put("spring.cloud.stream.kafka.bindings.config-in-0.consumer.enable-dlq", false);

        // Signing: each service's own key from its Secret; the trusted public keys from configuration.
        defaults.put("sentinel.signing.key-id", "${SENTINEL_SIGNING_KEY_ID:${sentinel.service.name}}");
        defaults.put("sentinel.signing.private-key", "${SENTINEL_SIGNING_PRIVATE_KEY:}");
        defaults.put("sentinel.signing.private-key-file", "${SENTINEL_SIGNING_PRIVATE_KEY_FILE:}");

        // Database: the service's own schema, its own migrations plus the shared inbox/outbox tables.
        defaults.put("sentinel.db.schema", "${sentinel.service.name}");
        defaults.put("spring.datasource.url", "${SENTINEL_DB_URL:jdbc:postgresql://127.0.0.1:5432/sentinel}");
        defaults.put("spring.datasource.username", "${SENTINEL_DB_USER:postgres}");
        defaults.put("spring.datasource.password", "${SENTINEL_DB_PASSWORD:}");
        defaults.put("spring.datasource.hikari.schema", "${sentinel.db.schema}");
        defaults.put("spring.datasource.hikari.maximum-pool-size", "${sentinel.db.pool-size:5}");
        defaults.put("spring.datasource.hikari.pool-name", "${sentinel.service.name}-db");
        defaults.put("spring.flyway.schemas", "${sentinel.db.schema}");
        defaults.put("spring.flyway.default-schema", "${sentinel.db.schema}");
        defaults.put("spring.flyway.locations", "classpath:db/migration/${sentinel.service.name},classpath:db/migration/runtime");

        // Operations: probes and metrics on every service, nothing else exposed, on the management port
        // (each service's YAML names it) and by default only on loopback; a deployment opens it to
        // its probes and Prometheus (SENTINEL_MANAGEMENT_ADDRESS=0.0.0.0 behind a NetworkPolicy).
        defaults.put("management.server.address", "${SENTINEL_MANAGEMENT_ADDRESS:127.0.0.1}");
        defaults.put("management.endpoints.web.exposure.include", "health,info,prometheus");
        defaults.put("management.endpoint.health.probes.enabled", true);
        defaults.put("management.endpoint.health.show-details", "never");
        // Every Sentinel timer is a histogram with the same few buckets, so dashboards and alerts can
        // take quantiles (histogram_quantile over *_seconds_bucket) of any of them; event age reaches
        // further, since a stage that lags is minutes behind.
        defaults.put("management.metrics.distribution.slo.sentinel", "5ms,10ms,25ms,50ms,100ms,250ms,500ms,1s,2500ms,5s,10s,30s");
        defaults.put("management.metrics.distribution.slo.sentinel.events.age",
                "10ms,25ms,50ms,100ms,250ms,500ms,1s,2500ms,5s,10s,30s,1m,5m");
        defaults.put("management.metrics.tags.service", "${sentinel.service.name}");
        // Kafka's clients (and the in-process broker of the local stack) log every config dump at INFO.
        defaults.put("logging.level.org.apache.kafka", "WARN");
        defaults.put("logging.level.kafka", "WARN");
        defaults.put("logging.level.state.change.logger", "WARN");
        // The binder's lag metrics poll with their own consumer and warn on every rebalance.
        defaults.put("logging.level.org.apache.kafka.clients.consumer.internals.OffsetFetcherUtils", "ERROR");
        defaults.put("logging.pattern.correlation", "[incident=%X{incidentId:-} trace=%X{traceId:-} span=%X{spanId:-}] ");

        // Tracing: every trace kept unless SENTINEL_TRACE_SAMPLING says otherwise (an incident's
        // trace is kept whatever it says, see TracingProperties); exported only where
        // SENTINEL_OTLP_ENDPOINT names a collector (see traceExport).
        defaults.put("management.tracing.sampling.probability", "${SENTINEL_TRACE_SAMPLING:1.0}");
        // Spring Cloud Function observes each invocation as a span of a trace of its own, beside the
        // runtime's span in the event's trace, and times it as the runtime already does.
        defaults.put("management.observations.enable.spring.cloud.function", false);
        // A @Scheduled run (deadlines, ticks, dispatch: every second in some services) would start a
        // one-span trace each time; what such a run publishes about an incident is in the incident's
        // trace regardless. (This also drops Spring's tasks_scheduled_execution_seconds timers.)
        defaults.put("management.observations.enable.tasks.scheduled", false);
        return defaults;
    }
}
