package io.sentinel.analyzer.analysis;

import io.sentinel.events.analysis.Risk;
import java.util.List;
import java.util.Map;

/**
 * The model's answer, as the contract in docs/analyzer.md defines it:
 * {@code {"rootCause": str, "evidence": [str], "playbookId": str|null, "parameters": {str: str},
 * "risk": "LOW"|"MEDIUM"|"HIGH", "confidence": 0..1, "summary": str}}.
 */
public record ModelAnswer(String rootCause, List<String> evidence, String playbookId, Map<String, String> parameters, Risk risk,
                          double confidence, String summary) {

    public ModelAnswer {
        evidence = List.copyOf(evidence);
        parameters = Map.copyOf(parameters);
    }
}
