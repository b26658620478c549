package io.sentinel.analyzer.history;

import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embeddings from a model that runs in this process (all-MiniLM-L6-v2 through ONNX by default): the
 * descriptions of incidents never leave the machine for them. A failure to embed is logged and the
 * incident is compared by its words instead.
 */
public final class MiniLmEmbedder implements TextEmbedder {

    private static final Logger log = LoggerFactory.getLogger(MiniLmEmbedder.class);

    private final EmbeddingModel model;

    public MiniLmEmbedder(EmbeddingModel model) {
        this.model = model;
    }

    @Override
    public Optional<float[]> embed(String text) {
        try {
            return Optional.of(model.embed(text).content().vector());
        } catch (RuntimeException e) {
            log.warn("cannot embed an incident description, comparing it by its words: {}", e.toString());
            return Optional.empty();
        }
    }
}
