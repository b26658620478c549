package io.sentinel.events.answer;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.sentinel.events.SentinelEvent;

/** The analyzer's answers to questions, streamed as chunks and closed by a completion. Keyed by conversation. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public sealed interface AnswerEvent extends SentinelEvent permits AnswerChunk, AnswerCompleted {

    String conversationId();

    String questionId();

    @Override
    default String key() {
        return conversationId();
    }
}
