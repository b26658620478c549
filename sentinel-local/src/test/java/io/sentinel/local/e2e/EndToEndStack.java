package io.sentinel.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.sentinel.local.stack.DemoService;
import io.sentinel.local.stack.LocalStack;
import io.sentinel.local.stack.SentinelService;
import io.sentinel.local.stack.StackSettings;
import io.sentinel.testkit.PostgresProvisioner;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The whole pipeline, exactly as {@code ./sentinel run} starts it, started once for every
 * end-to-end test class of the run (starting it is what costs) and stopped when the run ends. Every
 * service exports its spans to one in-memory exporter, so a test can read an incident's trace across
 * all seven.
 */
final class EndToEndStack implements AutoCloseable {

    static final Duration INCIDENT_TIMEOUT = Duration.ofSeconds(90);

    /** Each test that breaks a demo service breaks its own, so the tests stay independent. */
    private static final List<DemoService> DEMOS = List.of(
            new DemoService("shop-staging", "staging", 0, 64, 8),
            new DemoService("shop-prod", "production", 0, 64, 8),
            new DemoService("shop-broken", "staging", 0, 64, 8),
            new DemoService("shop-dlq", "staging", 0, 64, 8),
            new DemoService("shop-alerted", "staging", 0, 64, 8),
            new DemoService("shop-traced", "staging", 0, 64, 8));

    private final LocalStack stack;
    private final InMemorySpanExporter spans;
    private final GatewayClient gateway;
    private final String operatorKey;

    private EndToEndStack() {
        spans = InMemorySpanExporter.create();
        // Spans reach the exporter a tenth of a second after they end rather than Boot's five.
        Map<String, Map<String, String>> overrides = Arrays.stream(SentinelService.values()).collect(Collectors.toMap(
                SentinelService::serviceName, service -> Map.of("management.opentelemetry.tracing.export.schedule-delay", "100ms")));
        var settings = new StackSettings(PostgresProvisioner.forTests(), Map.of(), DEMOS, 0, LocalStack.newAdminKey(),
                LocalStack.newIngestToken(), List.of("local", "e2e"), overrides, null);
        stack = LocalStack.start(settings, application -> application.addInitializers(
                (ConfigurableApplicationContext context) -> context.getBeanFactory().registerSingleton("endToEndSpans", spans)));
        gateway = new GatewayClient(stack.gatewayUrl());
        var created = gateway.post("/api/keys", stack.adminKey(), "{\"name\":\"alice\",\"role\":\"OPERATOR\"}");
        assertThat(created.status()).isEqualTo(201);
        operatorKey = created.body().path("key").asString();
    }

    LocalStack stack() {
        return stack;
    }

    GatewayClient gateway() {
        return gateway;
    }

    String operatorKey() {
        return operatorKey;
    }

    /** Every span every service has finished so far. */
    InMemorySpanExporter spans() {
        return spans;
    }

    JsonNode awaitIncident(String resource, String state) {
        return awaitIncident(resource, incident -> state.equals(incident.path("state").asString()));
    }

    JsonNode awaitIncident(String resource, Predicate<JsonNode> condition) {
        var found = new JsonNode[1];
        await().atMost(INCIDENT_TIMEOUT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            var list = gateway.get("/api/incidents?limit=200", stack.adminKey());
            assertThat(list.status()).isEqualTo(200);
            JsonNode summary = StreamSupport.stream(list.body().spliterator(), false)
                    .filter(incident -> resource.equals(incident.path("resource").asString()))
                    .findFirst().orElseThrow(() -> new AssertionError("no incident for " + resource + " yet"));
            var detail = gateway.get("/api/incidents/" + summary.path("incidentId").asString(), stack.adminKey());
            assertThat(condition.test(detail.body())).as("incident on %s in state %s; timeline %s", resource,
                    detail.body().path("state").asString(), Timeline.types(detail.body())).isTrue();
            found[0] = detail.body();
        });
        return found[0];
    }

    void awaitNotification(String kind, JsonNode incident) {
        String incidentId = incident.path("incidentId").asString();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(stack.inbox().received())
                .anySatisfy(notification -> {
                    assertThat(notification.path("kind").asString()).isEqualTo(kind);
                    assertThat(notification.path("incidentId").asString()).isEqualTo(incidentId);
                }));
    }

    @Override
    public void close() {
        stack.close();
    }

    /**
     * Gives a test class the run's stack ({@code @BeforeAll static void x(EndToEndStack e2e)}),
     * starting it for the first class that asks; JUnit closes it when the run ends.
     */
    static final class Shared implements BeforeAllCallback, ParameterResolver {

        @Override
        public void beforeAll(ExtensionContext context) {
            stack(context);
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == EndToEndStack.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return stack(context);
        }

        private static EndToEndStack stack(ExtensionContext context) {
            return context.getRoot().getStore(ExtensionContext.Namespace.create(EndToEndStack.class))
                    .computeIfAbsent(EndToEndStack.class, key -> new EndToEndStack(), EndToEndStack.class);
        }
    }
}
