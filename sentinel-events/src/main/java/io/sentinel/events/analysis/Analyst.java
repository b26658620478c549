package io.sentinel.events.analysis;

/** Who produced an analysis. Always on the event, so nobody mistakes a heuristic for a model's reasoning. */
public enum Analyst {
    HEURISTIC, LLM
}
