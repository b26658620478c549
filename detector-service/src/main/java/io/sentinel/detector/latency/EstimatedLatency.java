package io.sentinel.detector.latency;

import io.sentinel.events.signal.MetricSample;

/**
 * A latency derived from network figures rather than measured.
 *
 * @param sample      {@code http_request_latency_seconds}, labelled {@code estimated="true"}
 * @param explanation the formula and its inputs, for the incident's observation
 */
public record EstimatedLatency(MetricSample sample, String explanation) {
}
