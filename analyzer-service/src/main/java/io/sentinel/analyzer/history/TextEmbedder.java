package io.sentinel.analyzer.history;

import java.util.Optional;

/** Turns a description into a vector; empty when it cannot (no model, or the model failed). */
public interface TextEmbedder {

    Optional<float[]> embed(String text);

    /** Word overlap only: what the history falls back to without an embedding model. */
    TextEmbedder NONE = text -> Optional.empty();
}
