package io.sentinel.detector.noise;

import io.sentinel.detector.rule.Finding;
import java.util.HashMap;
import java.util.Map;

/** An open incident's labels, as silences and inhibitions see them. */
public record IncidentLabels(String incidentId, String fingerprint, Map<String, String> labels) {

    /** The labels a firing condition is matched by: its own, plus rule, resource and severity. */
    public static Map<String, String> matchLabels(Finding.Firing firing) {
        Map<String, String> labels = new HashMap<>(firing.labels());
        labels.put("rule", firing.rule());
        labels.put("resource", firing.resource());
        labels.put("severity", firing.severity().name().toLowerCase(java.util.Locale.ROOT));
        return Map.copyOf(labels);
    }
}
