package io.sentinel.analyzer.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.sentinel.events.analysis.ModelUsage;
import io.sentinel.testkit.openai.OpenAiWire;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The model behind its guard and budget, against WireMock speaking OpenAI's chat completions wire
 * format: what is sent, what counts as an answer, and every way the endpoint can let us down.
 */
class LanguageModelTest {

    private static final Duration LIMIT = Duration.ofSeconds(5);
    private static final Prompt PROMPT = Prompt.of("You explain incidents.", "Why is shop slow? password=hunter2", true);

    private static WireMockServer endpoint;

    @BeforeAll
    static void start() {
        endpoint = new WireMockServer(options().dynamicPort());
        endpoint.start();
    }

    @AfterAll
    static void stop() {
        endpoint.stop();
    }

    @BeforeEach
    void reset() {
        endpoint.resetAll();
    }

    @Test
    void sendsAJsonModeRequestWithTheKeyAsBearerAndReportsTokensCostAndLatency() {
        endpoint.stubFor(post(urlPathEqualTo(OpenAiWire.PATH)).willReturn(OpenAiWire.completion("{\"ok\": true}", 1000, 200)));
        LanguageModel model = model(LIMIT, 0, LlmFixtures.resilience(3, 5, 4));

        Completion completion = model.complete(PROMPT, LIMIT);

        assertThat(completion).isInstanceOfSatisfying(Completion.Answered.class, answered -> {
            assertThat(answered.text()).isEqualTo("{\"ok\": true}");
            ModelUsage usage = answered.usage();
            assertThat(usage.tokensIn()).isEqualTo(1000);
            assertThat(usage.tokensOut()).isEqualTo(200);
            assertThat(usage.costUsd()).as("1k in at $0.5 + 0.2k out at $1.5").isCloseTo(0.8, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(usage.latencyMillis()).isNotNegative();
        });
        endpoint.verify(postRequestedFor(urlPathEqualTo(OpenAiWire.PATH))
                .withHeader("Authorization", equalTo("Bearer " + LlmFixtures.KEY))
                .withRequestBody(equalToJson("{\"model\": \"gpt-test\", \"response_format\": {\"type\": \"json_object\"}}", true, true)));
    }

    @Test
    void redactsThePromptBeforeItLeaves() {
        endpoint.stubFor(post(urlPathEqualTo(OpenAiWire.PATH)).willReturn(OpenAiWire.completion("{}", 10, 2)));

        model(LIMIT, 0, LlmFixtures.resilience(1, 5, 4)).complete(PROMPT, LIMIT);

        String body = endpoint.getAllServeEvents().getFirst().getRequest().getBodyAsString();
        assertThat(body).doesNotContain("hunter2").contains("password=[REDACTED:secret-value]");
    }

    @Test
    void triesServerErrorsAgainThenGivesUpWithTheStatusNeverTheBody() {
        endpoint.stubFor(post(urlPathEqualTo(OpenAiWire.PATH)).willReturn(OpenAiWire.error(503, "overloaded")));

        Completion completion = model(LIMIT, 0, LlmFixtures.resilience(3, 10, 4)).complete(PROMPT, LIMIT);

        assertThat(completion).isInstanceOfSatisfying(Completion.Unavailable.class, unavailable ->
                assertThat(unavailable.reason()).isEqualTo("the model endpoint answered HTTP 503 (server error)").doesNotContain("sk-proj"));
        endpoint.verify(exactly(3), postRequestedFor(urlPathEqualTo(OpenAiWire.PATH)));
    }

    @Test
    void triesARateLimitAgainAndTakesTheAnswerThatFollows() {
        endpoint.stubFor(post(urlPathEqualTo(OpenAiWire.PATH)).inScenario("rate limit").whenScenarioStateIs(STARTED)
                .willReturn(OpenAiWire.error(429, "rate_limit_exceeded")).willSetStateTo("cooled down"));
        endpoint.stubFor(post(urlPathEqualTo(OpenAiWire.PATH)).inScenario("rate limit").whenScenarioStateIs("cooled down")
                .willReturn(OpenAiWire.completion("{\"ok\": true}", 10, 2)));

        Completion completion = model(LIMIT, 0, LlmFixtures.resilience(3, 10, 4)).complete(PROMPT, LIMIT);

        assertThat(completion).isInstanceOf(Completion.Answered.class);
        endpoint.verify(exactly(2), postRequestedFor(urlPathEqualTo(OpenAiWire.PATH)));
    }

    @Test
    void doesNotTryARefusedRequestAgain() {
        endpoint.stubFor(post(urlPathEqualTo(OpenAiWire.PATH)).willReturn(OpenAiWire.error(401, "invalid_api_key")));

        Completion completion = model(LIMIT, 0, LlmFixtures.resilience(3, 10, 4)).complete(PROMPT, LIMIT);

        assertThat(completion).isInstanceOfSatisfying(Completion.Unavailable.class, unavailable ->
                assertThat(unavailable.reason()).isEqualTo("the model endpoint answered HTTP 401 (credentials refused; check "
                        + "sentinel.analyzer.llm.api-key)"));
        endpoint.verify(exactly(1), postRequestedFor(urlPathEqualTo(OpenAiWire.PATH)));
    }

    @Test
    void answersWithinTheTimeLimitWhenTheEndpointIsSlow() {
        Duration delay = Duration.ofSeconds(4);
        endpoint.stubFor(post(urlPathEqualTo(OpenAiWire.PATH)).willReturn(OpenAiWire.completion("{}", 10, 2)
                .withFixedDelay((int) delay.toMillis())));
        LanguageModel model = model(Duration.ofMillis(300), 0, LlmFixtures.resilience(3, 10, 4));

        long start = System.nanoTime();
        Completion completion = model.complete(PROMPT, Duration.ofMillis(300));
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        assertThat(completion).isInstanceOfSatisfying(Completion.Unavailable.class, unavailable ->
                assertThat(unavailable.reason()).isEqualTo("no answer within 300ms (sentinel.analyzer.llm.timeout)"));
        assertThat(waited).as("the caller was answered before the endpoint was").isLessThan(delay);
    }

    @Test
    void opensTheCircuitAfterFailuresAndThenRefusesWithoutAsking() {
        endpoint.stubFor(post(urlPathEqualTo(OpenAiWire.PATH)).willReturn(OpenAiWire.error(500, "server_error")));
        LanguageModel model = model(LIMIT, 0, LlmFixtures.resilience(2, 3, 4));

        for (int call = 0; call < 3; call++) {
            assertThat(model.complete(PROMPT, LIMIT)).isInstanceOf(Completion.Unavailable.class);
        }
        int asked = endpoint.getAllServeEvents().size();
        Completion refused = model.complete(PROMPT, LIMIT);

        assertThat(asked).as("three calls of two attempts each").isEqualTo(6);
        assertThat(refused).isInstanceOfSatisfying(Completion.Unavailable.class, unavailable ->
                assertThat(unavailable.reason()).startsWith("circuit open: too many of the last requests to the model failed"));
        assertThat(endpoint.getAllServeEvents()).as("an open circuit asks nobody").hasSize(asked);
    }

    @Test
    void stopsAskingOnceTheDailyBudgetIsSpent() {
        endpoint.stubFor(post(urlPathEqualTo(OpenAiWire.PATH)).willReturn(OpenAiWire.completion("{}", 120, 30)));
        LanguageModel model = model(LIMIT, 100, LlmFixtures.resilience(1, 10, 4));

        Completion first = model.complete(PROMPT, LIMIT);
        Completion second = model.complete(PROMPT, LIMIT);

        assertThat(first).as("the budget was not spent yet").isInstanceOf(Completion.Answered.class);
        assertThat(second).isInstanceOfSatisfying(Completion.Unavailable.class, unavailable -> assertThat(unavailable.reason())
                .startsWith("the daily token budget is used up (150 of 100 tokens today, sentinel.analyzer.llm.daily-token-budget)"));
        endpoint.verify(exactly(1), postRequestedFor(urlPathEqualTo(OpenAiWire.PATH)));
    }

    @Test
    void refusesACallBeyondTheBulkheadInsteadOfQueueingIt() {
        endpoint.stubFor(post(urlPathEqualTo(OpenAiWire.PATH)).willReturn(OpenAiWire.completion("{}", 10, 2).withFixedDelay(1_500)));
        LanguageModel model = model(LIMIT, 0, LlmFixtures.resilience(1, 10, 1));
        CompletableFuture<Completion> inFlight = CompletableFuture.supplyAsync(() -> model.complete(PROMPT, LIMIT));
        await().atMost(Duration.ofSeconds(10)).until(() -> endpoint.getAllServeEvents().size() == 1);

        Completion refused = model.complete(PROMPT, LIMIT);

        assertThat(refused).isInstanceOfSatisfying(Completion.Unavailable.class, unavailable ->
                assertThat(unavailable.reason()).startsWith("the model is busy: 1 requests already in flight"));
        assertThat(inFlight.join()).isInstanceOf(Completion.Answered.class);
        assertThat(endpoint.getAllServeEvents()).hasSize(1);
    }

    @Test
    void streamsTheAnswerAsItComesAndCountsItsTokens() {
        endpoint.stubFor(post(urlPathEqualTo(OpenAiWire.PATH)).withRequestBody(equalToJson("{\"stream\": true, \"stream_options\": {\"include_usage\": true}}", true, true))
                .willReturn(OpenAiWire.stream(List.of("The shop ", "leaks ", "memory."), 300, 12)));
        List<String> pieces = new ArrayList<>();

        Completion completion = model(LIMIT, 0, LlmFixtures.resilience(3, 10, 4))
                .stream(Prompt.of("You answer questions.", "Why is shop slow?", false), LIMIT, LIMIT, pieces::add);

        assertThat(pieces).containsExactly("The shop ", "leaks ", "memory.");
        assertThat(completion).isInstanceOfSatisfying(Completion.Answered.class, answered -> {
            assertThat(answered.text()).isEqualTo("The shop leaks memory.");
            assertThat(answered.cutShort()).isNull();
            assertThat(answered.usage().tokensIn()).isEqualTo(300);
            assertThat(answered.usage().tokensOut()).isEqualTo(12);
        });
    }

    @Test
    void triesAStreamAgainWhenItFailsBeforeItsFirstWords() {
        endpoint.stubFor(post(urlPathEqualTo(OpenAiWire.PATH)).inScenario("stream").whenScenarioStateIs(STARTED)
                .willReturn(OpenAiWire.error(502, "bad_gateway")).willSetStateTo("up"));
        endpoint.stubFor(post(urlPathEqualTo(OpenAiWire.PATH)).inScenario("stream").whenScenarioStateIs("up")
                .willReturn(OpenAiWire.stream(List.of("fine"), 10, 1)));
        List<String> pieces = new ArrayList<>();

        Completion completion = model(LIMIT, 0, LlmFixtures.resilience(3, 10, 4))
                .stream(Prompt.of("s", "q", false), LIMIT, LIMIT, pieces::add);

        assertThat(completion).isInstanceOf(Completion.Answered.class);
        assertThat(pieces).containsExactly("fine");
        endpoint.verify(exactly(2), postRequestedFor(urlPathEqualTo(OpenAiWire.PATH)));
    }

    @Test
    void refusesEveryRequestWithTheReasonWhenNoModelIsConfigured() {
        LanguageModel none = LanguageModel.notConfigured(LanguageModel.NOT_CONFIGURED);

        assertThat(none.complete(PROMPT, LIMIT)).isEqualTo(new Completion.Unavailable(LanguageModel.NOT_CONFIGURED));
        assertThat(none.stream(PROMPT, LIMIT, LIMIT, text -> { })).isEqualTo(new Completion.Unavailable(LanguageModel.NOT_CONFIGURED));
        assertThat(endpoint.getAllServeEvents()).isEmpty();
    }

    private static LanguageModel model(Duration timeout, long budget, LlmProperties.Resilience resilience) {
        return LlmFixtures.model(LlmFixtures.properties(endpoint.baseUrl(), timeout, budget, resilience), new InMemoryUsageLedger());
    }
}
