package io.sentinel.analyzer.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class LlmPropertiesTest {

    @Test
    void isUnconfiguredWhenNothingIsSetAndDefaultsEverythingElse() {
        LlmProperties properties = bind(Map.of("sentinel.analyzer.llm.base-url", "", "sentinel.analyzer.llm.model", ""));

        assertThat(properties.configured()).isFalse();
        assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(properties.dailyTokenBudget()).isEqualTo(1_000_000);
        assertThat(properties.jsonMode()).isTrue();
        assertThat(properties.resilience().maxAttempts()).isEqualTo(3);
        assertThat(properties.prices().cost(1000, 1000)).as("no prices, no cost").isNull();
    }

    @Test
    void bindsAnEndpointWithPricesAndNeverShowsTheKey() {
        LlmProperties properties = bind(Map.of(
                "sentinel.analyzer.llm.base-url", "http://127.0.0.1:11434/v1",
                "sentinel.analyzer.llm.api-key", "sk-proj-SecretSecretSecret0123456789",
                "sentinel.analyzer.llm.model", "llama3.1:8b",
                "sentinel.analyzer.llm.prices.input-per-1k", "0.00015",
                "sentinel.analyzer.llm.prices.output-per-1k", "0.0006"));

        assertThat(properties.configured()).isTrue();
        assertThat(properties.prices().cost(2000, 1000)).isEqualTo(0.0009, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(properties.toString()).contains("apiKey=set").doesNotContain("SecretSecret");
    }

    @Test
    void namesThePropertyAndTheVariableWhenTheEndpointIsIncomplete() {
        assertThatThrownBy(() -> bind(Map.of("sentinel.analyzer.llm.base-url", "https://api.openai.com/v1")))
                .rootCause().hasMessage("sentinel.analyzer.llm.model (SENTINEL_LLM_MODEL) must name the model to use at https://api.openai.com/v1");
        assertThatThrownBy(() -> bind(Map.of("sentinel.analyzer.llm.model", "gpt-4o-mini")))
                .rootCause().hasMessageStartingWith("sentinel.analyzer.llm.base-url (SENTINEL_LLM_BASE_URL) must be set when "
                        + "sentinel.analyzer.llm.model is");
        assertThatThrownBy(() -> bind(Map.of("sentinel.analyzer.llm.base-url", "ftp://models", "sentinel.analyzer.llm.model", "m")))
                .rootCause().hasMessage("sentinel.analyzer.llm.base-url (SENTINEL_LLM_BASE_URL) must be an http or https URL, was 'ftp://models'");
        assertThatThrownBy(() -> bind(Map.of("sentinel.analyzer.llm.base-url", "https://user:pw@models/v1", "sentinel.analyzer.llm.model", "m")))
                .rootCause().hasMessageStartingWith("sentinel.analyzer.llm.base-url (SENTINEL_LLM_BASE_URL) must not carry credentials");
    }

    @Test
    void refusesSettingsThatCannotWork() {
        assertThatThrownBy(() -> bind(Map.of("sentinel.analyzer.llm.response-format", "xml")))
                .rootCause().hasMessage("sentinel.analyzer.llm.response-format must be 'json-object' or 'none', was 'xml'");
        assertThatThrownBy(() -> bind(Map.of("sentinel.analyzer.llm.daily-token-budget", "-1")))
                .rootCause().hasMessageStartingWith("sentinel.analyzer.llm.daily-token-budget must not be negative");
        assertThatThrownBy(() -> bind(Map.of("sentinel.analyzer.llm.resilience.minimum-calls", "20")))
                .rootCause().hasMessage("sentinel.analyzer.llm.resilience.minimum-calls must be within [1, sliding-window], was 20");
    }

    private static LlmProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("sentinel.analyzer.llm", LlmProperties.class);
    }
}
