package io.sentinel.collector.ingest.llm;

import com.fasterxml.jackson.annotation.JsonAlias;
import io.sentinel.collector.ingest.constraint.Finite;
import io.sentinel.collector.ingest.constraint.OneOf;
import io.sentinel.collector.ingest.constraint.Rfc3339;
import io.sentinel.collector.ingest.constraint.ShowsValue;
import io.sentinel.collector.ingest.constraint.Text;
import io.sentinel.collector.ingest.constraint.WholeCount;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A trace as an LLM application sends it, shaped after Langfuse's public trace model. Langfuse's
 * {@code metadata} is accepted and not carried: the trace event has no place for it.
 *
 * @param application which application the trace is of; traces are batched by it and {@code environment}
 */
record TracePayload(@NotNull(message = "is required") @Text String application,
                    @Text String environment,
                    @NotNull(message = "is required") @Text String id,
                    @Text String name,
                    @Text @Rfc3339 String timestamp,
                    @Text String userId,
                    @Text String sessionId,
                    List<@NotNull(message = "must be a JSON object", payload = ShowsValue.class) @Valid Observation> observations,
                    List<@NotNull(message = "must be a JSON object", payload = ShowsValue.class) @Valid Score> scores) {

    TracePayload {
        observations = observations == null ? List.of() : observations;
        scores = scores == null ? List.of() : scores;
    }

    /**
     * A step of the trace: a model call (generation), a tool call, or anything else (a span).
     *
     * @param usageDetails Langfuse's current name for {@code usage}; it wins when both are sent
     * @param costDetails  {@code total}, else the sum of {@code input} and {@code output}; else
     *                     {@code calculatedTotalCost}, Langfuse's older name
     * @param output       anything: text is kept as is, other JSON as its text
     */
    @EndNotBeforeStart
    record Observation(@NotNull(message = "is required") @Text String id,
                       @NotNull(message = "is required") @Text
                       @OneOf(value = {"GENERATION", "TOOL", "SPAN", "AGENT", "CHAIN", "EVENT", "RETRIEVER", "EVALUATOR", "EMBEDDING", "GUARDRAIL"},
                               message = "must be one of " + ObservationTypes.ACCEPTED) String type,
                       @Text String name,
                       @NotNull(message = "is required") @Text @Rfc3339 String startTime,
                       @Text @Rfc3339 String endTime,
                       @Text String model,
                       @Valid Usage usageDetails,
                       @Valid Usage usage,
                       @Valid Cost costDetails,
                       @Finite @PositiveOrZero(message = NOT_NEGATIVE, payload = ShowsValue.class) Double calculatedTotalCost,
                       @Text @OneOf(value = {"DEBUG", "DEFAULT", "WARNING", "ERROR"}, message = "must be one of DEBUG, DEFAULT, WARNING, ERROR")
                       String level,
                       @Text String statusMessage,
                       JsonNode output) {
    }

    /** Tokens in and out; Langfuse's older SDKs say {@code promptTokens} and {@code completionTokens}. */
    record Usage(@JsonAlias("promptTokens") @WholeCount BigDecimal input, @JsonAlias("completionTokens") @WholeCount BigDecimal output) {
    }

    record Cost(@Finite @PositiveOrZero(message = NOT_NEGATIVE, payload = ShowsValue.class) Double total,
                @Finite @PositiveOrZero(message = NOT_NEGATIVE, payload = ShowsValue.class) Double input,
                @Finite @PositiveOrZero(message = NOT_NEGATIVE, payload = ShowsValue.class) Double output) {
    }

    /**
     * An evaluation of the trace or one of its steps.
     *
     * @param value a number, or a boolean (true is 1); categorical scores are not carried
     */
    record Score(@NotNull(message = "is required") @Text String name,
                 @NotNull(message = "is required") @NumberOrBoolean Object value,
                 @Text String observationId,
                 @Text String comment) {
    }

    static final String NOT_NEGATIVE = "must not be negative";
}
