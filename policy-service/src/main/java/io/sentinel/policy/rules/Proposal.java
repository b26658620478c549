package io.sentinel.policy.rules;

import io.sentinel.events.analysis.Risk;
import io.sentinel.policy.incident.IncidentFacts;
import java.util.Map;

/**
 * A proposed action as the policy judges it: what the analysis proposed, where the inventory says its
 * target is, and what the detector said about the incident.
 *
 * @param environment the target's environment by the inventory; the most sensitive one for an unlisted target
 * @param namespace   the target's Kubernetes namespace by the inventory; null if it has none or is unlisted
 * @param incident    what the detector said about the incident; null while the policy service has not seen it
 * @param blastRadius how much the action declares it affects (its {@code blast-radius} parameter); null if undeclared
 */
public record Proposal(String playbook, Risk risk, String environment, String namespace, Map<String, String> labels,
                       IncidentFacts incident, Integer blastRadius) {

    /** The parameter through which a playbook declares how much one run affects (e.g. replicas restarted). */
    public static final String BLAST_RADIUS_PARAMETER = "blast-radius";

    public Proposal {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** The declared blast radius from the proposal's parameters: a whole number of at least 0, else undeclared. */
    public static Integer blastRadiusOf(Map<String, String> parameters) {
        String declared = parameters == null ? null : parameters.get(BLAST_RADIUS_PARAMETER);
        if (declared == null || !declared.trim().matches("[0-9]{1,9}")) {
            return null;
        }
        return Integer.parseInt(declared.trim());
    }
}
