package io.sentinel.detector.noise;

import io.sentinel.events.settings.detector.InhibitionSetting;
import java.util.List;
import java.util.Map;

/**
 * While an incident matching {@code source} is open, a new one matching {@code target} with the same
 * values of the {@code equal} labels is a symptom, not a new problem (a node that is down inhibits
 * its containers' alerts). Compiled from an {@link InhibitionSetting}.
 */
public record Inhibition(String name, List<LabelMatcher> source, List<LabelMatcher> target, List<String> equal) {

    public Inhibition {
        source = List.copyOf(source);
        target = List.copyOf(target);
        equal = equal == null ? List.of() : List.copyOf(equal);
    }

    public static Inhibition of(InhibitionSetting setting) {
        return new Inhibition(setting.name(), LabelMatcher.of(setting.source(), "source"), LabelMatcher.of(setting.target(), "target"),
                setting.equal());
    }

    public boolean inhibits(Map<String, String> sourceLabels, Map<String, String> targetLabels) {
        return LabelMatcher.allMatch(source, sourceLabels)
                && LabelMatcher.allMatch(target, targetLabels)
                && equal.stream().allMatch(label -> sourceLabels.containsKey(label)
                && sourceLabels.get(label).equals(targetLabels.get(label)));
    }
}
