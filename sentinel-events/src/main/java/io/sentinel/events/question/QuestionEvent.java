package io.sentinel.events.question;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.sentinel.events.SentinelEvent;

/** Questions people ask Sentinel ("ask Sentinel"), published by the gateway. Keyed by conversation. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public sealed interface QuestionEvent extends SentinelEvent permits QuestionAsked {

    String conversationId();

    @Override
    default String key() {
        return conversationId();
    }
}
