package io.sentinel.analyzer.heuristic;

import io.sentinel.events.analysis.ProposedAction;
import io.sentinel.events.analysis.Risk;

/**
 * A rule mapping checked against the catalog: the action is a known playbook with valid parameters,
 * defaults filled in, and {@code risk} is that playbook's own risk.
 */
record Heuristic(String rule, ProposedAction action, Risk risk, String rootCause, double confidence) {
}
