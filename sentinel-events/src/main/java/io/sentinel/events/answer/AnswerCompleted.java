package io.sentinel.events.answer;

import io.sentinel.events.EventFields;
import io.sentinel.events.analysis.Analyst;
import io.sentinel.events.analysis.ModelUsage;
import io.sentinel.events.analysis.ProposedAction;
import java.time.Instant;
import java.util.List;

/**
 * The answer is complete: {@code chunks} chunks were sent before this.
 *
 * @param analyst         whether a model answered or the templated summary did; never implied
 * @param fallbackReason  why no model answered, when none did
 * @param sources         what the answer drew on (incident ids, playbook ids, "logs of shop-prod" ...)
 * @param suggestedAction a catalog playbook the answer suggests running, checked against the catalog and
 *                        shown; never proposed or run because an answer said so (ADR 0012)
 */
public record AnswerCompleted(String conversationId, String questionId, int chunks, Analyst analyst, String model,
                              String fallbackReason, List<String> sources, ProposedAction suggestedAction, ModelUsage usage,
                              Instant completedAt) implements AnswerEvent {

    public AnswerCompleted {
        EventFields.requireText(conversationId, "conversationId");
        EventFields.requireText(questionId, "questionId");
        if (chunks < 0) {
            throw new IllegalArgumentException("field 'chunks' must not be negative, was " + chunks);
        }
        EventFields.require(analyst, "analyst");
        sources = EventFields.copyOf(sources);
        EventFields.require(completedAt, "completedAt");
    }
}
