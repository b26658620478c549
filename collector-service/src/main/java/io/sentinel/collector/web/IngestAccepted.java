package io.sentinel.collector.web;

/**
 * What an ingest request became, once Kafka acknowledged it.
 *
 * @param items  log entries, heartbeats, traces or alerts accepted
 * @param events events published to the signals topic
 */
record IngestAccepted(int items, int events) {
}
