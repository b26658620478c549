package io.sentinel.analyzer.llm;

import io.sentinel.analyzer.redaction.Redactor;
import java.time.Clock;
import java.time.Duration;

/** Language models on a WireMock endpoint, configured as a test needs them. */
public final class LlmFixtures {

    public static final String KEY = "sk-proj-TestKeyNeverLoggedAbCdEf0123456789";

    private LlmFixtures() {
    }

    public static LlmProperties properties(String baseUrl, Duration timeout, long dailyBudget, LlmProperties.Resilience resilience) {
        return new LlmProperties(baseUrl + "/v1", KEY, "gpt-test", timeout, 512, 0.1, dailyBudget, "json-object",
                new LlmProperties.Prices(0.5, 1.5), resilience);
    }

    /** Quick back-off, a circuit that opens after {@code minimumCalls} failed calls. */
    public static LlmProperties.Resilience resilience(int maxAttempts, int minimumCalls, int maxConcurrentCalls) {
        return new LlmProperties.Resilience(maxAttempts, Duration.ofMillis(20), 2.0, maxConcurrentCalls, 50, minimumCalls, minimumCalls,
                Duration.ofMinutes(5));
    }

    public static LanguageModel model(LlmProperties properties, UsageLedger ledger) {
        return OpenAiCompatible.languageModel(properties, Redactor.builtIn(), new LlmGuard(properties.resilience()), ledger, Clock.systemUTC());
    }
}
