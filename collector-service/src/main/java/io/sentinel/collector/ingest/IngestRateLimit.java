package io.sentinel.collector.ingest;

/**
 * How many ingest requests one token may make: {@code requestsPerSecond} on average, up to
 * {@code burst} at once (a token bucket of {@code burst} requests refilled at {@code requestsPerSecond}).
 * As a token's override either value may be left out, and then the default's applies.
 *
 * @param requestsPerSecond refill rate, requests per second (fractions allowed: 0.5 is one every 2 s)
 * @param burst             requests a token may make at once after a quiet spell
 */
public record IngestRateLimit(Double requestsPerSecond, Integer burst) {

    /** A request per second and a burst this large would not limit anything worth limiting, and risk overflow. */
    static final double MAX_REQUESTS_PER_SECOND = 1_000_000;
    static final int MAX_BURST = 1_000_000;

    /** @param property where it was configured, e.g. {@code sentinel.collector.ingest.tokens[0].rate-limit} */
    void validate(String property) {
        if (requestsPerSecond != null && !(requestsPerSecond > 0 && requestsPerSecond <= MAX_REQUESTS_PER_SECOND)) {
            throw new IllegalArgumentException(property + ".requests-per-second must be a positive number of at most "
                    + (long) MAX_REQUESTS_PER_SECOND + ", was " + requestsPerSecond);
        }
        if (burst != null && (burst < 1 || burst > MAX_BURST)) {
            throw new IllegalArgumentException(property + ".burst must be between 1 and " + MAX_BURST + ", was " + burst);
        }
    }

    /** This override, each value left out taken from {@code defaults}. */
    IngestRateLimit orElse(IngestRateLimit defaults) {
        return new IngestRateLimit(requestsPerSecond != null ? requestsPerSecond : defaults.requestsPerSecond(),
                burst != null ? burst : defaults.burst());
    }
}
