package io.sentinel.playbooks;

import io.sentinel.events.analysis.Risk;
import java.util.List;
import java.util.Map;

/**
 * A remediation Sentinel knows how to run: what it does, how risky it is, what to snapshot first, the
 * steps, how to verify it worked and how to undo it.
 *
 * @param parameters what a proposal may set; anything else is rejected
 * @param snapshot   read before acting; its response is what a rollback restores ({@code {{snapshot.body}}})
 */
public record Playbook(String id, String description, Risk risk, Map<String, ParameterSpec> parameters,
                       HttpRequestSpec snapshot, List<PlaybookStep> steps, Verification verify, List<PlaybookStep> rollback) {

    public Playbook {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        steps = steps == null ? List.of() : List.copyOf(steps);
        rollback = rollback == null ? List.of() : List.copyOf(rollback);
    }
}
