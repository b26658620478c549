package io.sentinel.gateway.web;

import io.sentinel.gateway.ask.AskOutcome;
import io.sentinel.gateway.ask.AskProperties;
import io.sentinel.gateway.ask.Asking;
import io.sentinel.gateway.ask.Question;
import io.sentinel.gateway.auth.Caller;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code POST /api/ask}: a question in, the answer out as server-sent events while the analyzer
 * writes it. The question's ids come first, in the response headers {@value #CONVERSATION_ID} (send
 * it back as {@code conversationId} to follow up) and {@value #QUESTION_ID}.
 */
@RestController
class AskController {

    static final String CONVERSATION_ID = "X-Sentinel-Conversation-Id";
    static final String QUESTION_ID = "X-Sentinel-Question-Id";
    /** The emitter outlives the gateway's own deadline by this, so that the deadline's error event is what the asker gets. */
    private static final long GRACE_MILLIS = 5_000;

    private final Asking asking;
    private final AskProperties properties;

    AskController(Asking asking, AskProperties properties) {
        this.asking = asking;
        this.properties = properties;
    }

    @PostMapping(path = "/api/ask", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SseEmitter> ask(@RequestBody(required = false) AskRequest body, @AuthenticationPrincipal Caller caller) {
        if (body == null) {
            throw ApiProblems.badRequest("request body is required: {\"question\": \"...\", \"incidentId\": \"optional\", "
                    + "\"conversationId\": \"optional, to follow up\"}");
        }
        Question question = Question.of(body.question(), body.incidentId(), body.conversationId());
        SseEmitter emitter = new SseEmitter(properties.timeout().toMillis() + GRACE_MILLIS);
        // Written (and the headers with it) as soon as the response starts: the asker has the question's
        // ids at once, not when the answer begins. A comment line, which SSE clients skip.
        sendComment(emitter, "waiting for Sentinel's answer");
        return switch (asking.ask(question, caller, new SseAnswerSink(emitter))) {
            case AskOutcome.Asked asked -> {
                emitter.onCompletion(asked.waiting()::cancel);
                emitter.onError(error -> asked.waiting().cancel());
                emitter.onTimeout(asked.waiting()::cancel);
                yield ResponseEntity.ok()
                        .contentType(MediaType.TEXT_EVENT_STREAM)
                        .cacheControl(CacheControl.noStore())
                        .header(CONVERSATION_ID, asked.conversationId())
                        .header(QUESTION_ID, asked.questionId())
                        // Proxies that buffer (nginx) would hold the answer back until it is complete.
                        .header("X-Accel-Buffering", "no")
                        .body(emitter);
            }
            case AskOutcome.UnknownIncident unknown -> throw ApiProblems.notFound("No incident " + unknown.incidentId());
            case AskOutcome.Busy busy -> throw unavailable(busy.maxOpen() + " questions are being answered already, the most this "
                    + "gateway takes at once (sentinel.gateway.ask.max-open); ask again shortly");
            case AskOutcome.NotListening starting -> throw unavailable("Sentinel is starting and does not read answers yet; ask again shortly");
            case AskOutcome.NotPublished failed -> throw unavailable("The question could not be handed to the analyzer: " + failed.reason());
        };
    }

    private static void sendComment(SseEmitter emitter, String comment) {
        try {
            emitter.send(SseEmitter.event().comment(comment));
        } catch (IOException e) {
            // Not yet connected to the response: the comment is only held until it is, so this cannot fail for I/O.
            throw new UncheckedIOException(e);
        }
    }

    private static ErrorResponseException unavailable(String detail) {
        var problem = ApiProblems.problem(HttpStatus.SERVICE_UNAVAILABLE, detail, null);
        problem.getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
        return problem;
    }
}
