package io.sentinel.notifier.incident;

import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.incident.Severity;
import java.time.Instant;

/**
 * What a notification says about its incident, remembered from the incident's opening.
 *
 * @param environment the incident's {@code environment} label, if it had one
 */
public record IncidentSummary(String incidentId, String title, Severity severity, String resource, String environment,
                              Instant openedAt) {

    public static IncidentSummary of(IncidentOpened opened) {
        return new IncidentSummary(opened.incidentId(), opened.title(), opened.severity(), opened.resource(),
                opened.labels().get("environment"), opened.openedAt());
    }
}
