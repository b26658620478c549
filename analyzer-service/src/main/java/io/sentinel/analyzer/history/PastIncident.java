package io.sentinel.analyzer.history;

import java.time.Instant;

/**
 * An incident the analyzer saw before, as a later analysis reads it.
 *
 * @param remediation the playbook that ran for it, with its parameters, if one did
 * @param outcome     how it ended: {@code verified}, {@code verification failed}, {@code rolled back},
 *                    {@code cleared without remediation}, {@code escalated} ... ({@link Outcome})
 * @param similarity  how alike it is to the incident at hand: cosine of embeddings, or word overlap
 */
public record PastIncident(String incidentId, String rule, String resource, String title, Instant openedAt, String rootCause,
                           String remediation, String outcome, double similarity) {
}
