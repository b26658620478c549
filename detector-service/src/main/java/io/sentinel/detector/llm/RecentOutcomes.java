package io.sentinel.detector.llm;

import io.sentinel.detector.rule.Level;
import java.util.Optional;

/**
 * Whether each of the latest outputs matched its schema, oldest first ({@code 1} matched, {@code 0}
 * did not), kept as text so the state is one short column. Pure and immutable.
 */
public record RecentOutcomes(String outcomes) {

    public static final RecentOutcomes NONE = new RecentOutcomes("");

    public RecentOutcomes {
        if (!outcomes.matches("[01]*")) {
            throw new IllegalArgumentException("outcomes are 0s and 1s, was '" + outcomes + "'");
        }
    }

    /** These outcomes and one more, keeping the latest {@code keep}. */
    public RecentOutcomes with(boolean matched, int keep) {
        String next = outcomes + (matched ? '1' : '0');
        return new RecentOutcomes(next.length() > keep ? next.substring(next.length() - keep) : next);
    }

    public long violations(int window) {
        return latest(window).chars().filter(outcome -> outcome == '0').count();
    }

    /** Breached when more than {@code maxRatio} of the latest {@code window} outputs failed; empty until there are that many. */
    public Optional<Level> level(int window, double maxRatio) {
        if (outcomes.length() < window) {
            return Optional.empty();
        }
        return Optional.of((double) violations(window) / window > maxRatio ? Level.BREACHED : Level.CLEAR);
    }

    private String latest(int window) {
        return outcomes.length() > window ? outcomes.substring(outcomes.length() - window) : outcomes;
    }
}
