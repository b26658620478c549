package io.sentinel.events.signal;

/** The kinds of step inside an LLM trace (Langfuse's observation types Sentinel reasons about). */
public enum LlmObservationType {
    GENERATION, TOOL, SPAN
}
