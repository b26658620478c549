package io.sentinel.analyzer.llm;

import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.sentinel.analyzer.redaction.Redactor;
import java.time.Clock;

/** A {@link LanguageModel} on an endpoint that speaks OpenAI's chat completions API, plain and streaming. */
public final class OpenAiCompatible {

    private OpenAiCompatible() {
    }

    public static LanguageModel languageModel(LlmProperties properties, Redactor redactor, LlmGuard guard, UsageLedger ledger, Clock clock) {
        if (!properties.configured()) {
            return LanguageModel.notConfigured(LanguageModel.NOT_CONFIGURED);
        }
        // Retries are the guard's (on 429 and 5xx only); the client must not retry on its own.
        OpenAiChatModel chat = OpenAiChatModel.builder()
                .baseUrl(properties.baseUrl())
                .apiKey(properties.apiKey())
                .modelName(properties.model())
                .timeout(properties.timeout())
                .maxRetries(0)
                .logRequests(false)
                .logResponses(false)
                .build();
        OpenAiStreamingChatModel streaming = OpenAiStreamingChatModel.builder()
                .baseUrl(properties.baseUrl())
                .apiKey(properties.apiKey())
                .modelName(properties.model())
                .timeout(properties.timeout())
                .logRequests(false)
                .logResponses(false)
                .build();
        return new LanguageModel(properties, chat, streaming, redactor, guard, new TokenBudget(properties.dailyTokenBudget(), ledger, clock));
    }
}
