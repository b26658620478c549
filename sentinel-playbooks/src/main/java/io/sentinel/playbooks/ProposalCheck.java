package io.sentinel.playbooks;

import java.util.List;
import java.util.Map;

/**
 * Whether a proposed action may run: a known playbook, known parameters, valid values.
 *
 * @param parameters the proposal's parameters with defaults filled in, when valid
 */
public record ProposalCheck(List<String> problems, Playbook playbook, Map<String, String> parameters) {

    public boolean valid() {
        return problems.isEmpty();
    }
}
