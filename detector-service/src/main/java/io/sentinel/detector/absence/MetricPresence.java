package io.sentinel.detector.absence;

import java.time.Instant;

/**
 * How a watched series has been arriving.
 *
 * @param identity      JSON: the series' own labels and its signal, which make its fingerprint
 * @param labels        JSON: everything known about it, for the incident
 * @param lastSampleAt  the newest sample's own time, for people
 * @param lastArrivalAt when the detector last received one, by its own clock: what staleness is judged by
 * @param target        the inventory target its latest batch named ({@code MetricBatch.target}), or null
 */
public record MetricPresence(String series, String resource, String signal, String identity, String labels, long observations, Instant lastSampleAt,
                             Instant lastArrivalAt, String target) {
}
