package io.sentinel.analyzer.history;

import java.time.Instant;

/**
 * An incident as the history stores it, a candidate for "similar".
 *
 * @param description the text its similarity is judged on ({@link IncidentDescription})
 * @param embedding   the description's embedding; null when none was computed
 */
public record StoredIncident(String incidentId, String rule, String resource, String title, Instant openedAt, String description,
                             float[] embedding, String rootCause, String remediation, String outcome) {

    PastIncident withSimilarity(double similarity) {
        return new PastIncident(incidentId, rule, resource, title, openedAt, rootCause, remediation, outcome, similarity);
    }
}
