package io.sentinel.policy.rules;

import com.google.re2j.Pattern;
import io.sentinel.events.settings.detector.LabelPatterns;
import io.sentinel.events.settings.policy.ObservationCondition;
import io.sentinel.events.settings.policy.PolicyRuleSetting;
import io.sentinel.policy.incident.IncidentFacts;
import io.sentinel.policy.window.TimeWindow;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A rule ready to match: its label patterns compiled, its windows parsed. Pure. */
final class CompiledRule {

    /** Whether a rule matches a proposal; {@code MAYBE} when it asks about an incident the policy has not seen. */
    enum Match {
        YES, NO, MAYBE
    }

    private final PolicyRuleSetting rule;
    private final Map<String, Pattern> labels;
    private final List<TimeWindow> windows;

    CompiledRule(PolicyRuleSetting rule) {
        this.rule = rule;
        this.labels = rule.labels().isEmpty() ? Map.of() : LabelPatterns.compile(rule.labels(), "labels");
        this.windows = rule.windows().stream().map(TimeWindow::of).toList();
    }

    PolicyRuleSetting setting() {
        return rule;
    }

    String name() {
        return rule.name();
    }

    Match match(Proposal proposal, Instant now) {
        if (!anyOf(rule.playbook(), proposal.playbook())
                || !anyOf(rule.risk(), proposal.risk().name())
                || !anyOf(rule.environment(), proposal.environment())
                || !anyOf(rule.namespace(), proposal.namespace())
                || !labelsMatch(proposal.labels())
                || !inWindow(now)) {
            return Match.NO;
        }
        if (!asksAboutTheIncident()) {
            return Match.YES;
        }
        IncidentFacts incident = proposal.incident();
        if (incident == null) {
            return Match.MAYBE;
        }
        boolean matches = anyOf(rule.severity(), incident.severity() == null ? null : incident.severity().name())
                && detectorRuleMatches(incident.rule())
                && observationMatches(rule.observation(), incident);
        return matches ? Match.YES : Match.NO;
    }

    private boolean asksAboutTheIncident() {
        return !rule.severity().isEmpty() || !rule.detectorRule().isEmpty() || rule.observation() != null;
    }

    /** An empty list matches anything; a missing value matches only an empty list. */
    private static boolean anyOf(List<String> values, String actual) {
        return values.isEmpty() || actual != null && values.contains(actual);
    }

    private boolean labelsMatch(Map<String, String> actual) {
        return labels.entrySet().stream().allMatch(matcher -> matcher.getValue().matches(actual.getOrDefault(matcher.getKey(), "")));
    }

    private boolean inWindow(Instant now) {
        return windows.isEmpty() || windows.stream().anyMatch(window -> window.contains(now));
    }

    /** {@code llm-*} matches every rule name starting with {@code llm-}; anything else matches exactly. */
    private boolean detectorRuleMatches(String actual) {
        if (rule.detectorRule().isEmpty()) {
            return true;
        }
        if (actual == null) {
            return false;
        }
        return rule.detectorRule().stream().anyMatch(pattern -> pattern.endsWith("*")
                ? actual.startsWith(pattern.substring(0, pattern.length() - 1))
                : pattern.equals(actual));
    }

    private static boolean observationMatches(ObservationCondition condition, IncidentFacts incident) {
        if (condition == null) {
            return true;
        }
        if (!condition.signal().equals(incident.signal()) || incident.value() == null) {
            return false;
        }
        double value = incident.value();
        return (condition.above() == null || value > condition.above()) && (condition.below() == null || value < condition.below());
    }
}
