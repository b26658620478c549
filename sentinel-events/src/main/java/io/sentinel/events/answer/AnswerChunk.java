package io.sentinel.events.answer;

import io.sentinel.events.EventFields;

/**
 * A piece of an answer, as the model (or the templated fallback) produced it.
 *
 * @param sequence 0, 1, 2 ... within the question's answer, so a reader can put chunks in order
 */
public record AnswerChunk(String conversationId, String questionId, int sequence, String text) implements AnswerEvent {

    public AnswerChunk {
        EventFields.requireText(conversationId, "conversationId");
        EventFields.requireText(questionId, "questionId");
        if (sequence < 0) {
            throw new IllegalArgumentException("field 'sequence' must not be negative, was " + sequence);
        }
        EventFields.require(text, "text");
    }
}
