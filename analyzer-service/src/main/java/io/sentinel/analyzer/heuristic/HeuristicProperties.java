package io.sentinel.analyzer.heuristic;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the heuristic analyst knows: which playbook fixes what a detector rule reports.
 *
 * @param rules         one mapping per detector rule
 * @param elevateRiskIn environments where a proposed action counts one risk level higher than its
 *                      playbook says, because a wrong action there hurts more
 */
@ConfigurationProperties("sentinel.analyzer.heuristic")
public record HeuristicProperties(List<RuleMapping> rules, @DefaultValue("production") List<String> elevateRiskIn) {

    static final String PREFIX = "sentinel.analyzer.heuristic";

    public HeuristicProperties {
        rules = rules == null ? List.of() : List.copyOf(rules);
        elevateRiskIn = elevateRiskIn == null ? List.of("production") : List.copyOf(elevateRiskIn);
        Set<String> mapped = new HashSet<>();
        for (int index = 0; index < rules.size(); index++) {
            RuleMapping mapping = rules.get(index);
            String path = PREFIX + ".rules[" + index + "]";
            if (isBlank(mapping.rule())) {
                throw new IllegalArgumentException(path + ".rule must name the detector rule this mapping is for");
            }
            if (!mapped.add(mapping.rule())) {
                throw new IllegalArgumentException(path + ".rule: rule '" + mapping.rule() + "' is mapped twice");
            }
            if (isBlank(mapping.playbook())) {
                throw new IllegalArgumentException(path + ".playbook must name a playbook in the catalog");
            }
            if (isBlank(mapping.rootCause())) {
                throw new IllegalArgumentException(path + ".root-cause must say what is probably wrong when rule '"
                        + mapping.rule() + "' fires");
            }
            if (!(mapping.confidence() >= 0.0 && mapping.confidence() <= 1.0)) {
                throw new IllegalArgumentException(path + ".confidence must be within [0, 1], was " + mapping.confidence());
            }
        }
    }

    /**
     * @param rule       the detector rule, as it appears in {@code IncidentOpened.rule}
     * @param playbook   the playbook that fixes what the rule reports
     * @param rootCause  what is probably wrong, in words an on-call engineer can act on
     * @param confidence how often this guess is right, 0..1
     * @param parameters the playbook parameters to propose; the playbook's defaults fill in the rest
     */
    public record RuleMapping(String rule, String playbook, String rootCause, @DefaultValue("0.5") double confidence,
                              Map<String, String> parameters) {

        public RuleMapping {
            parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
