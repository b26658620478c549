package io.sentinel.detector.llm;

import io.sentinel.detector.limits.KeyFamily;
import io.sentinel.detector.limits.KeyLimits;
import io.sentinel.detector.rule.DetectionContext;
import io.sentinel.detector.rule.DetectionRule;
import io.sentinel.detector.rule.Finding;
import io.sentinel.detector.rule.Fingerprint;
import io.sentinel.detector.rule.Level;
import io.sentinel.events.incident.Observation;
import io.sentinel.events.incident.Severity;
import io.sentinel.events.settings.detector.LlmSetting;
import io.sentinel.events.signal.LlmScore;
import io.sentinel.events.signal.LlmTrace;
import io.sentinel.events.signal.LlmTraceBatch;
import io.sentinel.events.signal.SignalEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Rule {@code llm-prompt-drift}, evaluation scores: per (application, score name), the mean of the
 * latest {@code recent-scores} values against the mean of the {@code baseline-scores} before them
 * (see {@link ScoreCheck}). Values are taken in their traces' time order and kept in the database,
 * at most recent + baseline of them.
 */
@Component
public final class ScoreRegressionRule implements DetectionRule {

    static final String SIGNAL = "llm_score_mean";

    private final LlmSettings settings;

    private final KeyLimits keyLimits;

    public ScoreRegressionRule(LlmSettings settings, KeyLimits keyLimits) {
        this.settings = settings;
        this.keyLimits = keyLimits;
    }

    @Override
    public String family() {
        return "llm-score-regression";
    }

    @Override
    public List<Finding> onSignal(SignalEvent signal, DetectionContext context) {
        if (!(signal instanceof LlmTraceBatch batch)) {
            return List.of();
        }
        LlmSetting.PromptDrift limits = settings.current().promptDrift();
        ScoreStore store = context.store(ScoreStore.class);
        List<Finding> findings = new ArrayList<>();
        Map<String, List<Double>> scores = new LinkedHashMap<>();
        Instant at = Instant.MIN;
        for (LlmTrace trace : batch.traces().stream().sorted(Comparator.comparing(LlmTrace::timestamp)).toList()) {
            for (LlmScore score : trace.scores()) {
                scores.computeIfAbsent(score.name(), name -> new ArrayList<>()).add(score.value());
                at = trace.timestamp().isAfter(at) ? trace.timestamp() : at;
            }
        }
        for (Map.Entry<String, List<Double>> score : scores.entrySet()) {
            String name = score.getKey();
            Optional<ScoreStore.State> found = store.find(batch.resource(), name);
            if (found.isEmpty() && !keyLimits.admit(KeyFamily.LLM_SCORES)) {
                continue;
            }
            ScoreStore.State before = found.orElse(ScoreStore.State.NEW);
            List<Double> values = new ArrayList<>(before.values());
            values.addAll(score.getValue());
            int keep = limits.recentScores() + limits.baselineScores();
            List<Double> kept = values.size() > keep ? values.subList(values.size() - keep, values.size()) : values;
            Optional<ScoreCheck.Verdict> verdict = ScoreCheck.judge(kept, before.active() ? before.baselineMean() : null, limits);
            ScoreStore.State after = new ScoreStore.State(kept, before.active(), before.baselineMean());
            if (verdict.isPresent() && verdict.get().level() == Level.BREACHED) {
                after = new ScoreStore.State(kept, true, verdict.get().baselineMean());
                findings.add(firing(batch, name, verdict.get(), limits, at));
            } else if (verdict.isPresent() && before.active()) {
                after = new ScoreStore.State(kept, false, null);
                findings.add(new Finding.Cleared(fingerprint(batch.resource(), name), observation(name, verdict.get(), limits, at)));
            }
            store.save(batch.resource(), name, after);
        }
        return findings;
    }

    static String fingerprint(String application, String score) {
        return Fingerprint.of(OutputDriftRule.RULE, application, Map.of("score", score));
    }

    private static Finding.Firing firing(LlmTraceBatch batch, String score, ScoreCheck.Verdict verdict, LlmSetting.PromptDrift limits,
                                         Instant at) {
        Map<String, String> labels = new HashMap<>(batch.labels());
        labels.put("score", score);
        return new Finding.Firing(fingerprint(batch.resource(), score), OutputDriftRule.RULE, batch.resource(), labels, Severity.WARNING,
                "Evaluation score '" + score + "' dropped in " + batch.resource(), observation(score, verdict, limits, at), null);
    }

    private static Observation observation(String score, ScoreCheck.Verdict verdict, LlmSetting.PromptDrift limits, Instant at) {
        String detail = "mean of the latest " + limits.recentScores() + " '" + score + "' scores is "
                + Wording.decimal(verdict.recentMean()) + ", " + Wording.decimal(verdict.drop()) + " under the baseline mean "
                + Wording.decimal(verdict.baselineMean()) + " of the " + limits.baselineScores() + " before them (allowed drop "
                + Wording.decimal(limits.maxScoreDrop()) + ")";
        return new Observation(SIGNAL, verdict.recentMean(), verdict.baselineMean() - limits.maxScoreDrop(), detail, at);
    }
}
