package io.sentinel.events.analysis;

import io.sentinel.events.EventFields;
import java.util.Map;

/** A playbook from the catalog, with the parameters to run it with. */
public record ProposedAction(String playbookId, Map<String, String> parameters) {

    public ProposedAction {
        EventFields.requireText(playbookId, "playbookId");
        parameters = EventFields.copyOf(parameters);
    }
}
