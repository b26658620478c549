package io.sentinel.events.incident;

import io.sentinel.events.EventFields;
import java.time.Instant;
import java.util.Map;

/**
 * A rule's condition held long enough to matter.
 *
 * @param fingerprint identifies "the same problem": rule plus the labels that identify what it is about
 * @param labels      the resource's labels (environment, service, instance ...)
 * @param target      the inventory target the incident is about, when its signals came from a source the
 *                    collector's own configuration names; absent for what senders reported (alerts, logs ...)
 */
public record IncidentOpened(String incidentId, String causationId, String fingerprint, String rule, String title,
                             Severity severity, String resource, Map<String, String> labels, Observation observation,
                             Instant openedAt, String target) implements IncidentEvent {

    public IncidentOpened {
        EventFields.requireText(incidentId, "incidentId");
        EventFields.requireText(causationId, "causationId");
        EventFields.requireText(fingerprint, "fingerprint");
        EventFields.requireText(rule, "rule");
        EventFields.requireText(title, "title");
        EventFields.require(severity, "severity");
        EventFields.requireText(resource, "resource");
        labels = EventFields.copyOf(labels);
        EventFields.require(observation, "observation");
        EventFields.require(openedAt, "openedAt");
        target = EventFields.optionalText(target);
    }
}
