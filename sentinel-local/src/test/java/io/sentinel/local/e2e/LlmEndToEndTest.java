package io.sentinel.local.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.sentinel.local.demo.Fault;
import io.sentinel.local.stack.DemoService;
import io.sentinel.local.stack.LocalStack;
import io.sentinel.local.stack.StackSettings;
import io.sentinel.testkit.PostgresProvisioner;
import io.sentinel.testkit.openai.OpenAiWire;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The local stack with its analyzer pointed at a stand-in OpenAI-compatible endpoint (WireMock
 * speaking the chat-completions wire format, plain and streamed), as {@code SENTINEL_LLM_*} would
 * point it at a real one: an injected fault gets a model's analysis on the incident's timeline, and
 * ask Sentinel streams the model's answer about it. Runs in its own JVM (see the module's pom).
 */
class LlmEndToEndTest {

    private static final String MODEL_NAME = "stand-in";
    private static final String FAKE_KEY = "sk-proj-endToEndStandInKey0123456789abcdef";
    private static final String ROOT_CAUSE = "The order cache of shop-llm grows without bound (stand-in model's reading)";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static WireMockServer model;
    private static LocalStack stack;
    private static GatewayClient gateway;

    @BeforeAll
    static void startTheStackWithAModel() {
        model = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        model.start();
        model.stubFor(post(urlPathEqualTo(OpenAiWire.PATH)).atPriority(9)
                .willReturn(OpenAiWire.completion(OpenAiWire.analysis(ROOT_CAUSE, "release-memory", Map.of(), "LOW", 0.8), 900, 120)));
        model.stubFor(post(urlPathEqualTo(OpenAiWire.PATH)).atPriority(5).withRequestBody(equalToJson("{\"stream\": true}", true, true))
                .willReturn(OpenAiWire.stream(List.of("shop-llm leaks memory ", "in its order cache; ", "release-memory freed it.\n"), 700, 30)));

        Map<String, String> analyzer = Map.of(
                "sentinel.analyzer.llm.base-url", model.baseUrl() + "/v1",
                "sentinel.analyzer.llm.api-key", FAKE_KEY,
                "sentinel.analyzer.llm.model", MODEL_NAME);
        var settings = new StackSettings(PostgresProvisioner.forTests(), Map.of(),
                List.of(new DemoService("shop-llm", "staging", 0, 64, 8)), 0, LocalStack.newAdminKey(), LocalStack.newIngestToken(),
                List.of("local", "e2e"), Map.of("analyzer", analyzer), null);
        stack = LocalStack.start(settings);
        gateway = new GatewayClient(stack.gatewayUrl());
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        if (model != null) {
            model.stop();
        }
    }

    @Test
    void aFaultGetsTheModelsAnalysisOnItsTimelineAndAskStreamsAnAnswerAboutIt() throws Exception {
        stack.demo("shop-llm").workload().inject(Fault.MEMORY_LEAK);

        JsonNode incident = awaitIncident();
        assertThat(incident.path("analystLabel").asString()).isEqualTo("llm:" + MODEL_NAME);
        assertThat(incident.path("rootCause").asString()).isEqualTo(ROOT_CAUSE);
        assertThat(StreamSupport.stream(incident.path("evidence").spliterator(), false).map(JsonNode::asString))
                .contains("memory_usage_ratio rose from 0.5 to 0.93 in 15 minutes");
        assertThat(incident.path("usage").path("tokensIn").asLong()).isPositive();
        assertThat(incident.path("playbookId").asString()).isEqualTo("release-memory");
        JsonNode analysisEntry = StreamSupport.stream(incident.path("timeline").spliterator(), false)
                .filter(entry -> "AnalysisCompleted".equals(entry.path("type").asString())).findFirst().orElseThrow();
        assertThat(analysisEntry.toString()).as("the timeline shows the model's root cause").contains(ROOT_CAUSE);

        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/ask"))
                .header("Authorization", "Bearer " + stack.adminKey())
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(90))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of(
                        "question", "Why did shop-llm run out of memory?", "incidentId", incident.path("incidentId").asString()))))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        String body = answer.body();
        assertThat(body).containsPattern("event: ?chunk").contains("in its order cache").containsPattern("event: ?done");
        String done = body.substring(body.indexOf("done"));
        assertThat(done).contains("\"analyst\":\"llm:" + MODEL_NAME + "\"").contains(answer.headers().firstValue("X-Sentinel-Conversation-Id").orElseThrow());

        model.findAll(postRequestedFor(urlPathEqualTo(OpenAiWire.PATH))).forEach(request -> {
            assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + FAKE_KEY);
            assertThat(request.getBodyAsString()).as("the key travels only in its header").doesNotContain(FAKE_KEY);
        });
        model.verify(postRequestedFor(urlPathEqualTo(OpenAiWire.PATH)).withRequestBody(containing("shop-llm")));
    }

    private static JsonNode awaitIncident() {
        var found = new JsonNode[1];
        await().atMost(EndToEndStack.INCIDENT_TIMEOUT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            var list = gateway.get("/api/incidents?limit=50", stack.adminKey());
            JsonNode summary = StreamSupport.stream(list.body().spliterator(), false)
                    .filter(incident -> "shop-llm".equals(incident.path("resource").asString()))
                    .findFirst().orElseThrow(() -> new AssertionError("no incident for shop-llm yet"));
            JsonNode detail = gateway.get("/api/incidents/" + summary.path("incidentId").asString(), stack.adminKey()).body();
            assertThat(Timeline.types(detail)).as("timeline of the incident").contains("AnalysisCompleted");
            found[0] = detail;
        });
        return found[0];
    }
}
