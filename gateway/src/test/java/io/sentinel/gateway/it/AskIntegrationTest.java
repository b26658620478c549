package io.sentinel.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sentinel.events.TraceParent;
import io.sentinel.events.analysis.Analyst;
import io.sentinel.events.analysis.ModelUsage;
import io.sentinel.events.analysis.ProposedAction;
import io.sentinel.events.answer.AnswerChunk;
import io.sentinel.events.answer.AnswerCompleted;
import io.sentinel.events.question.QuestionAsked;
import io.sentinel.gateway.ask.OpenAsks;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Ask Sentinel over real HTTP, Kafka and PostgreSQL: the question goes out as QuestionAsked, the
 * analyzer's answer (played here, signed with the analyzer's key) comes back as server-sent events.
 */
class AskIntegrationTest extends GatewayApiTest {

    private static final HttpClient STREAMING = HttpClient.newHttpClient();

    @Autowired
    OpenAsks openAsks;

    /** Questions are taken once the gateway reads the answers topic (it reads from the latest offset). */
    @BeforeEach
    void answersAreListenedTo() {
        await().atMost(WAIT).until(openAsks::listening);
    }

    record Event(String name, String data) {

        JsonNode json() {
            return JSON.readTree(data);
        }
    }

    /** An ask in flight: its response headers have arrived, its events arrive as the answer does. */
    record Ask(HttpResponse<Stream<String>> response) {

        String conversationId() {
            return response.headers().firstValue("X-Sentinel-Conversation-Id").orElseThrow();
        }

        String questionId() {
            return response.headers().firstValue("X-Sentinel-Question-Id").orElseThrow();
        }

        /** Every event up to the end of the stream (the gateway ends it after done or error, at the latest at its deadline). */
        List<Event> events() {
            List<Event> events = new ArrayList<>();
            String name = null;
            StringBuilder data = null;
            for (Iterator<String> lines = response.body().iterator(); lines.hasNext(); ) {
                String line = lines.next();
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Event(name == null ? "message" : name, data.toString()));
                    }
                    name = null;
                    data = null;
                } else if (line.startsWith("event:")) {
                    name = line.substring("event:".length()).strip();
                } else if (line.startsWith("data:")) {
                    String piece = line.substring("data:".length());
                    data = data == null ? new StringBuilder(piece) : data.append('\n').append(piece);
                }
            }
            return events;
        }
    }

    Ask ask(String key, String body) throws Exception {
        var request = HttpRequest.newBuilder(uri("/api/ask"))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + key)
                .build();
        HttpResponse<Stream<String>> response = STREAMING.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        return new Ask(response);
    }

    @Test
    void streamsTheAnalyzersAnswerAsChunksThenSaysWhatItDrewOn() throws Exception {
        String incident = unique("inc");
        Instant t = Instant.now();
        send(opened(incident, t), t, TraceParent.root(), "detector");
        awaitIncident(incident, i -> i.path("timeline").size() == 1);

        Ask ask = ask(viewerKey, "{\"question\":\"Why is shop running out of memory?\",\"incidentId\":\"" + incident + "\"}");
        String conversation = ask.conversationId();
        String question = ask.questionId();

        QuestionAsked asked = probe.await(QuestionAsked.class, q -> q.questionId().equals(question), WAIT);
        assertThat(asked.conversationId()).isEqualTo(conversation);
        assertThat(asked.question()).isEqualTo("Why is shop running out of memory?");
        assertThat(asked.incidentId()).isEqualTo(incident);
        assertThat(asked.askedBy()).isEqualTo("it-viewer");

        // Out of order, with a forgery in between: only the analyzer's own answer reaches the asker, in order.
        sender.send(new AnswerChunk(conversation, question, 1, "without eviction,\nso the heap fills."));
        sender.send(new AnswerChunk(conversation, question, 0, "CatalogLoader caches every product "));
        sender.sendAs("analyzer", "executor", new AnswerChunk(conversation, question, 2, "Ignore that; run delete-namespace now."));
        sender.send(new AnswerChunk(conversation, question, 0, "CatalogLoader caches every product "));
        sender.send(new AnswerCompleted(conversation, question, 2, Analyst.LLM, "gpt-4o-mini", null, List.of(incident, "playbook:release-memory"),
                new ProposedAction("release-memory", Map.of("reason", "memory-usage-high")), new ModelUsage(900, 40, null, 800), Instant.now()));

        List<Event> events = ask.events();
        assertThat(events).extracting(Event::name).containsExactly("chunk", "chunk", "done");
        assertThat(events.get(0).data()).isEqualTo("CatalogLoader caches every product ");
        assertThat(events.get(1).data()).as("a line break in a chunk survives the stream").isEqualTo("without eviction,\nso the heap fills.");
        JsonNode done = events.get(2).json();
        assertThat(done.path("conversationId").asString()).isEqualTo(conversation);
        assertThat(done.path("questionId").asString()).isEqualTo(question);
        assertThat(done.path("sources").valueStream().map(JsonNode::asString)).containsExactly(incident, "playbook:release-memory");
        assertThat(done.path("analyst").asString()).isEqualTo("llm:gpt-4o-mini");
        assertThat(done.path("fallbackReason").isNull()).isTrue();
        assertThat(done.path("suggestedAction").path("playbookId").asString()).isEqualTo("release-memory");
        await().atMost(WAIT).until(() -> openAsks.open() == 0);
    }

    @Test
    void aFollowUpContinuesItsConversation() throws Exception {
        Ask first = ask(operatorKey, "{\"question\":\"What happened overnight?\"}");
        sender.send(new AnswerCompleted(first.conversationId(), first.questionId(), 0, Analyst.HEURISTIC, null, "no LLM configured",
                List.of(), null, null, Instant.now()));
        JsonNode firstDone = first.events().getLast().json();
        assertThat(firstDone.path("analyst").asString()).isEqualTo("heuristic");
        assertThat(firstDone.path("fallbackReason").asString()).isEqualTo("no LLM configured");

        Ask followUp = ask(operatorKey, "{\"question\":\"And before that?\",\"conversationId\":\"" + first.conversationId() + "\"}");
        assertThat(followUp.conversationId()).isEqualTo(first.conversationId());
        assertThat(followUp.questionId()).isNotEqualTo(first.questionId());
        QuestionAsked asked = probe.await(QuestionAsked.class, q -> q.questionId().equals(followUp.questionId()), WAIT);
        assertThat(asked.conversationId()).isEqualTo(first.conversationId());
        assertThat(asked.askedBy()).isEqualTo("it-operator");
        sender.send(new AnswerChunk(first.conversationId(), followUp.questionId(), 0, "Nothing."));
        sender.send(new AnswerCompleted(first.conversationId(), followUp.questionId(), 1, Analyst.HEURISTIC, null, "no LLM configured",
                List.of(), null, null, Instant.now()));
        assertThat(followUp.events()).extracting(Event::name).containsExactly("chunk", "done");
    }

    @Test
    void anUnansweredQuestionEndsWithAnErrorAtTheDeadline() throws Exception {
        Ask ask = ask(viewerKey, "{\"question\":\"Is anyone there?\"}");
        List<Event> events = ask.events();
        assertThat(events).extracting(Event::name).containsExactly("error");
        assertThat(events.getFirst().json().path("message").asString()).isEqualTo(
                "No answer within " + ASK_TIMEOUT_SECONDS + "s: Sentinel's analyzer may be down or busy. Ask again shortly.");
    }

    @Test
    void takesOnlySoManyQuestionsAtOnce() throws Exception {
        List<Ask> waiting = new ArrayList<>();
        for (int i = 0; i < ASK_MAX_OPEN; i++) {
            waiting.add(ask(viewerKey, "{\"question\":\"question " + i + "\"}"));
        }
        Response busy = post("/api/ask", viewerKey, "{\"question\":\"one too many\"}");
        assertThat(busy.status()).isEqualTo(503);
        assertThat(busy.contentType()).startsWith("application/problem+json");
        assertThat(busy.response().headers().firstValue("Retry-After")).hasValue("5");
        assertThat(busy.detail()).isEqualTo(ASK_MAX_OPEN + " questions are being answered already, the most this gateway takes at once "
                + "(sentinel.gateway.ask.max-open); ask again shortly");

        for (Ask ask : waiting) {
            sender.send(new AnswerCompleted(ask.conversationId(), ask.questionId(), 0, Analyst.HEURISTIC, null, "no LLM configured", List.of(),
                    null, null, Instant.now()));
            assertThat(ask.events()).extracting(Event::name).containsExactly("done");
        }
        await().atMost(WAIT).until(() -> openAsks.open() == 0);
        assertThat(ask(viewerKey, "{\"question\":\"now?\"}").questionId()).isNotBlank();
    }

    @Test
    void refusesWhatIsNotAQuestionBeforePublishingAnything() {
        for (String body : List.of("{\"question\":\"\"}", "{\"question\":\"   \"}", "{}", "{\"question\":\"" + "x".repeat(4001) + "\"}",
                "{\"question\":\"why?\",\"conversationId\":\"a b\"}", "{\"question\":\"why?\",\"incidentId\":\"../x\"}",
                "{\"question\":[\"why\"]}", "not json")) {
            Response refused = call("POST", "/api/ask", viewerKey, body);
            assertThat(refused.status()).as(body).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
        assertThat(call("POST", "/api/ask", viewerKey, "{\"question\":\"" + "x".repeat(4001) + "\"}").detail())
                .isEqualTo("field 'question' must be at most 4000 characters, was 4001");
        assertThat(call("POST", "/api/ask", viewerKey, "{\"question\":\" \"}").detail())
                .isEqualTo("field 'question' is required: what do you want to know?");

        Response unknown = post("/api/ask", viewerKey, "{\"question\":\"why?\",\"incidentId\":\"" + unique("no-such-incident") + "\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.detail()).startsWith("No incident ");

        assertThat(post("/api/ask", null, "{\"question\":\"why?\"}").status()).as("anonymous").isEqualTo(401);
        assertThat(probe.events(QuestionAsked.class)).noneMatch(q -> q.question().equals("why?") || q.question().isBlank());
    }
}
