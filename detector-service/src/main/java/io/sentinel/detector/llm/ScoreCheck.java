package io.sentinel.detector.llm;

import io.sentinel.detector.rule.Level;
import io.sentinel.events.settings.detector.LlmSetting;
import java.util.List;
import java.util.Optional;

/**
 * Whether an evaluation score regressed: the mean of the latest {@code recent-scores} values is more
 * than {@code max-score-drop} under the mean of the {@code baseline-scores} values before them. While
 * the condition is active the baseline stays the one it fired against, so a lasting regression does
 * not become the new normal and clear itself. Pure.
 */
public final class ScoreCheck {

    public record Verdict(Level level, double recentMean, double baselineMean) {

        public double drop() {
            return baselineMean - recentMean;
        }
    }

    private ScoreCheck() {
    }

    /**
     * @param values         the score's values, oldest first
     * @param frozenBaseline the baseline mean the active condition fired against, or null while quiet
     * @return empty until there are enough values for both means
     */
    public static Optional<Verdict> judge(List<Double> values, Double frozenBaseline, LlmSetting.PromptDrift limits) {
        int recent = limits.recentScores();
        if (values.size() < recent) {
            return Optional.empty();
        }
        double recentMean = mean(values.subList(values.size() - recent, values.size()));
        Double baselineMean = frozenBaseline;
        if (baselineMean == null) {
            if (values.size() < recent + limits.baselineScores()) {
                return Optional.empty();
            }
            baselineMean = mean(values.subList(values.size() - recent - limits.baselineScores(), values.size() - recent));
        }
        Level level = baselineMean - recentMean > limits.maxScoreDrop() ? Level.BREACHED : Level.CLEAR;
        return Optional.of(new Verdict(level, recentMean, baselineMean));
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }
}
