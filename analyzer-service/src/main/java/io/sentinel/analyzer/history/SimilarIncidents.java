package io.sentinel.analyzer.history;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Ranks past incidents by how alike they are to a new one: the cosine of their embeddings where both
 * have one, else the overlap of their words (Jaccard index), each against its own threshold. Pure.
 */
public final class SimilarIncidents {

    private static final int MIN_WORD_LENGTH = 3;

    private final int max;
    private final double minSimilarity;
    private final double minWordOverlap;

    public SimilarIncidents(HistoryProperties properties) {
        this(properties.similarIncidents(), properties.minSimilarity(), properties.minWordOverlap());
    }

    SimilarIncidents(int max, double minSimilarity, double minWordOverlap) {
        this.max = max;
        this.minSimilarity = minSimilarity;
        this.minWordOverlap = minWordOverlap;
    }

    /**
     * @param description the new incident's description
     * @param embedding   its embedding, or null
     * @param candidates  past incidents, the new one excluded
     */
    public List<PastIncident> rank(String description, float[] embedding, List<StoredIncident> candidates) {
        Set<String> words = words(description);
        return candidates.stream()
                .map(candidate -> {
                    if (embedding != null && candidate.embedding() != null && candidate.embedding().length == embedding.length) {
                        double cosine = cosine(embedding, candidate.embedding());
                        return cosine >= minSimilarity ? candidate.withSimilarity(cosine) : null;
                    }
                    double overlap = jaccard(words, words(candidate.description()));
                    return overlap >= minWordOverlap ? candidate.withSimilarity(overlap) : null;
                })
                .filter(Objects::nonNull)
                .sorted(Comparator.comparingDouble(PastIncident::similarity).reversed().thenComparing(PastIncident::openedAt,
                        Comparator.reverseOrder()))
                .limit(max)
                .toList();
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double normA = 0;
        double normB = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            normA += (double) a[i] * a[i];
            normB += (double) b[i] * b[i];
        }
        return normA == 0 || normB == 0 ? 0 : dot / (Math.sqrt(normA) * Math.sqrt(normB));
    }

    static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        Set<String> shared = new HashSet<>(a);
        shared.retainAll(b);
        return (double) shared.size() / (a.size() + b.size() - shared.size());
    }

    /** Lower-case words of at least three letters; numbers and ids say nothing about what went wrong. */
    static Set<String> words(String text) {
        if (text == null) {
            return Set.of();
        }
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^a-z]+"))
                .filter(word -> word.length() >= MIN_WORD_LENGTH)
                .collect(Collectors.toSet());
    }
}
