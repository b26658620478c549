package io.sentinel.analyzer.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.incident.Observation;
import io.sentinel.events.incident.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Finding the past incidents like a new one: by meaning with the in-process model, by words without it. */
class SimilarIncidentsTest {

    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void ranksByMeaningWithTheInProcessModel() {
        TextEmbedder embedder = new MiniLmEmbedder(new AllMiniLmL6V2EmbeddingModel());
        String leak = IncidentDescription.of(incident("memory-usage-high", "Memory above 90% on checkout", "memory_usage_ratio"),
                List.of("java.lang.OutOfMemoryError: Java heap space"));
        String disk = IncidentDescription.of(incident("disk-usage-high", "Disk above 95% on db-1", "disk_usage_ratio"),
                List.of("No space left on device"));
        String question = "checkout keeps running out of heap memory";
        SimilarIncidents similar = new SimilarIncidents(3, 0.3, 0.9);

        List<PastIncident> ranked = similar.rank(question, embedder.embed(question).orElseThrow(), List.of(
                stored("disk", disk, embedder.embed(disk).orElseThrow()), stored("leak", leak, embedder.embed(leak).orElseThrow())));

        assertThat(ranked).extracting(PastIncident::incidentId).first().isEqualTo("leak");
        assertThat(ranked.getFirst().similarity()).isBetween(0.3, 1.0);
    }

    @Test
    void fallsBackToWordOverlapWhereAnIncidentHasNoEmbedding() {
        SimilarIncidents similar = new SimilarIncidents(3, 0.6, 0.2);

        List<PastIncident> ranked = similar.rank("memory usage high on checkout service", null, List.of(
                stored("a", "memory usage high on checkout", null),
                stored("b", "disk full on database", null),
                stored("c", "memory usage high on checkout service", new float[] {1, 0})));

        assertThat(ranked).extracting(PastIncident::incidentId).containsExactly("c", "a");
        assertThat(ranked.getFirst().similarity()).isEqualTo(1.0);
    }

    @Test
    void leavesOutWhatIsBelowTheThresholdAndKeepsAtMostTheConfiguredNumber() {
        SimilarIncidents similar = new SimilarIncidents(1, 0.9, 0.2);
        float[] query = {1, 0};

        List<PastIncident> ranked = similar.rank("x", query, List.of(
                stored("orthogonal", "x", new float[] {0, 1}), stored("close", "x", new float[] {0.99f, 0.1f}), stored("same", "x", new float[] {2, 0})));

        assertThat(ranked).extracting(PastIncident::incidentId).containsExactly("same");
    }

    private static StoredIncident stored(String id, String description, float[] embedding) {
        return new StoredIncident(id, "rule", "resource", "title " + id, T0, description, embedding, "cause", "release-memory", "verified");
    }

    private static IncidentOpened incident(String rule, String title, String signal) {
        return new IncidentOpened("inc", "sig", "fp", rule, title, Severity.WARNING, "checkout", Map.of(),
                new Observation(signal, 0.95, 0.9, null, T0), T0, null);
    }
}
