package io.sentinel.executor.intake;

import io.sentinel.playbooks.Playbook;
import java.util.Map;

/** Whether an authorized action runs. */
public sealed interface Admission {

    /** @param parameters the action's parameters with the playbook's defaults filled in */
    record Admit(Playbook playbook, Map<String, String> parameters) implements Admission {
    }

    record Skip(String reason) implements Admission {
    }
}
