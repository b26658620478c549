package io.sentinel.detector.rule;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** "The same problem": the rule, the resource and the labels that tell one series from another. */
public final class Fingerprint {

    private Fingerprint() {
    }

    public static String of(String rule, String resource, Map<String, String> identifyingLabels) {
        String labels = new TreeMap<>(identifyingLabels).entrySet().stream()
                .map(entry -> entry.getKey() + '=' + entry.getValue())
                .collect(Collectors.joining(","));
        return rule + '|' + resource + (labels.isEmpty() ? "" : '|' + labels);
    }
}
