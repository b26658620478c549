package io.sentinel.analyzer.history;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class HistoryConfiguration {

    private static final Logger log = LoggerFactory.getLogger(HistoryConfiguration.class);

    /**
     * The in-process embedding model, loaded once (a second or two). Where its native runtime cannot
     * load (an unsupported platform), similar incidents are found by their words, and the log says so.
     */
    @Bean
    TextEmbedder textEmbedder(HistoryProperties properties) {
        if (properties.embeddings().equals(HistoryProperties.NONE)) {
            log.info("{}.embeddings=none: similar incidents are found by their words", HistoryProperties.PREFIX);
            return TextEmbedder.NONE;
        }
        try {
            long start = System.nanoTime();
            TextEmbedder embedder = new MiniLmEmbedder(new AllMiniLmL6V2EmbeddingModel());
            log.info("embedding model {} loaded in {} ms; similar incidents are found by meaning", HistoryProperties.MINILM,
                    (System.nanoTime() - start) / 1_000_000);
            return embedder;
        } catch (RuntimeException | LinkageError e) {
            log.warn("cannot load the embedding model {} ({}); similar incidents are found by their words", HistoryProperties.MINILM, e.toString());
            return TextEmbedder.NONE;
        }
    }
}
