package io.sentinel.collector.ingest.llm;

import io.sentinel.events.signal.LlmObservationType;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Langfuse's observation types onto the three Sentinel reasons about: model calls, tool calls and
 * everything else. Langfuse's agent, chain, event, retriever, evaluator, embedding and guardrail
 * steps are spans to Sentinel.
 */
final class ObservationTypes {

    static final String ACCEPTED = "GENERATION, TOOL, SPAN, AGENT, CHAIN, EVENT, RETRIEVER, EVALUATOR, EMBEDDING, GUARDRAIL";
    private static final Map<String, LlmObservationType> TYPES = Map.of(
            "GENERATION", LlmObservationType.GENERATION,
            "TOOL", LlmObservationType.TOOL,
            "SPAN", LlmObservationType.SPAN,
            "AGENT", LlmObservationType.SPAN,
            "CHAIN", LlmObservationType.SPAN,
            "EVENT", LlmObservationType.SPAN,
            "RETRIEVER", LlmObservationType.SPAN,
            "EVALUATOR", LlmObservationType.SPAN,
            "EMBEDDING", LlmObservationType.SPAN,
            "GUARDRAIL", LlmObservationType.SPAN);

    private ObservationTypes() {
    }

    static Optional<LlmObservationType> of(String langfuseType) {
        return Optional.ofNullable(TYPES.get(langfuseType.strip().toUpperCase(Locale.ROOT)));
    }
}
