package io.sentinel.analyzer.history;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Past incidents: what the analyzer remembers of each (how it was remediated, whether verification
 * passed) and how it finds the ones like a new incident.
 *
 * @param embeddings          {@code all-minilm-l6-v2}: sentence embeddings computed in-process (nothing
 *                            leaves the machine for them); {@code none}: word overlap only
 * @param similarIncidents    past incidents an analysis is given at most, most similar first
 * @param minSimilarity       cosine similarity of embeddings below which a past incident is not "similar"
 * @param minWordOverlap      the same for the word-overlap fallback (Jaccard index of their words)
 * @param candidates          most recent past incidents compared with a new one
 * @param retention           how long a closed incident is remembered
 * @param maxTimelineEntries  timeline entries kept per incident at most
 */
@ConfigurationProperties("sentinel.analyzer.history")
public record HistoryProperties(@DefaultValue("all-minilm-l6-v2") String embeddings,
                                @DefaultValue("3") int similarIncidents,
                                @DefaultValue("0.6") double minSimilarity,
                                @DefaultValue("0.3") double minWordOverlap,
                                @DefaultValue("500") int candidates,
                                @DefaultValue("90d") Duration retention,
                                @DefaultValue("50") int maxTimelineEntries) {

    static final String PREFIX = "sentinel.analyzer.history";
    public static final String MINILM = "all-minilm-l6-v2";
    public static final String NONE = "none";

    public HistoryProperties {
        if (!MINILM.equals(embeddings) && !NONE.equals(embeddings)) {
            throw new IllegalArgumentException(PREFIX + ".embeddings must be '" + MINILM + "' or '" + NONE + "', was '" + embeddings + "'");
        }
        if (similarIncidents < 0 || similarIncidents > 20) {
            throw new IllegalArgumentException(PREFIX + ".similar-incidents must be within [0, 20], was " + similarIncidents);
        }
        if (!(minSimilarity >= -1 && minSimilarity <= 1)) {
            throw new IllegalArgumentException(PREFIX + ".min-similarity must be within [-1, 1], was " + minSimilarity);
        }
        if (!(minWordOverlap >= 0 && minWordOverlap <= 1)) {
            throw new IllegalArgumentException(PREFIX + ".min-word-overlap must be within [0, 1], was " + minWordOverlap);
        }
        if (candidates < 1) {
            throw new IllegalArgumentException(PREFIX + ".candidates must be at least 1, was " + candidates);
        }
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException(PREFIX + ".retention must be a positive duration, was " + retention);
        }
        if (maxTimelineEntries < 1) {
            throw new IllegalArgumentException(PREFIX + ".max-timeline-entries must be at least 1, was " + maxTimelineEntries);
        }
    }
}
