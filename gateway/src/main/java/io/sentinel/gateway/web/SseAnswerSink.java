package io.sentinel.gateway.web;

import io.sentinel.events.analysis.Analyst;
import io.sentinel.events.analysis.ProposedAction;
import io.sentinel.events.answer.AnswerCompleted;
import io.sentinel.gateway.ask.AnswerSink;
import java.io.IOException;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * An answer as server-sent events: {@code event: chunk} with each piece of text as it arrives, then
 * {@code event: done} with what the answer drew on, or {@code event: error} with what went wrong.
 */
final class SseAnswerSink implements AnswerSink {

    static final String CHUNK = "chunk";
    static final String DONE = "done";
    static final String ERROR = "error";

    /**
     * The last event of a complete answer.
     *
     * @param analyst         {@code llm:<model>}, or {@code heuristic} for the templated summary given without a model
     * @param fallbackReason  why no model answered, when none did
     * @param suggestedAction a catalog playbook the answer suggests, checked against the catalog and shown; never proposed or run (ADR 0012)
     */
    record Done(String conversationId, String questionId, List<String> sources, String analyst, String fallbackReason,
                ProposedAction suggestedAction) {

        static Done of(AnswerCompleted completed) {
            String analyst = completed.analyst() == Analyst.LLM
                    ? completed.model() == null ? "llm" : "llm:" + completed.model()
                    : "heuristic";
            return new Done(completed.conversationId(), completed.questionId(), completed.sources(), analyst, completed.fallbackReason(),
                    completed.suggestedAction());
        }
    }

    /** The question's ids are in the response's headers, sent before any event. */
    record Error(String message) {
    }

    private final SseEmitter emitter;

    SseAnswerSink(SseEmitter emitter) {
        this.emitter = emitter;
    }

    @Override
    public void chunk(String text) throws IOException {
        emitter.send(SseEmitter.event().name(CHUNK).data(text, MediaType.TEXT_PLAIN));
    }

    @Override
    public void done(AnswerCompleted completed) throws IOException {
        emitter.send(SseEmitter.event().name(DONE).data(Done.of(completed), MediaType.APPLICATION_JSON));
        emitter.complete();
    }

    @Override
    public void failed(String message) throws IOException {
        emitter.send(SseEmitter.event().name(ERROR).data(new Error(message), MediaType.APPLICATION_JSON));
        emitter.complete();
    }

    @Override
    public void abort() {
        emitter.complete();
    }
}
