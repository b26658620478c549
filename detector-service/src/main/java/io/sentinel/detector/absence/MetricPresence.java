package io.sentinel.detector.absence;

import java.time.Instant;
import java.util.Map;

/**
 * How a watched series has been arriving.
 *
 * @param identity      the series' own labels and its signal, which make its fingerprint
 * @param labels        everything known about it, for the incident
 * @param lastSampleAt  the newest sample's own time, for people
 * @param lastArrivalAt when the detector last received one, by its own clock: what staleness is judged by
 * @param target        the inventory target its latest batch named ({@code MetricBatch.target}), or null
 */
public record MetricPresence(String series, String resource, String signal, Map<String, String> identity, Map<String, String> labels,
                             long observations, Instant lastSampleAt, Instant lastArrivalAt, String target) {
}
