package io.sentinel.analyzer.history;

import io.sentinel.events.incident.IncidentOpened;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The text an incident is compared on: what fired, where, what was seen and the errors logged with
 * it. Labels that only identify an instance (a pod hash, an IP) are left out, or every incident
 * would look alike only to incidents of the same instance.
 */
public final class IncidentDescription {

    private static final int MAX_CHARS = 1_000;

    private IncidentDescription() {
    }

    /** @param errors the first error lines logged for the resource around the opening, if any */
    public static String of(IncidentOpened incident, List<String> errors) {
        StringBuilder text = new StringBuilder()
                .append(incident.title()).append(". rule ").append(incident.rule())
                .append(". signal ").append(incident.observation().signal());
        if (incident.observation().detail() != null && !incident.observation().detail().isBlank()) {
            text.append(". ").append(incident.observation().detail());
        }
        if (!errors.isEmpty()) {
            text.append(". errors: ").append(errors.stream().limit(3).collect(Collectors.joining("; ")));
        }
        return text.length() <= MAX_CHARS ? text.toString() : text.substring(0, MAX_CHARS);
    }
}
