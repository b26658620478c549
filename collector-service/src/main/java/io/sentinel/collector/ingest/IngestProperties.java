package io.sentinel.collector.ingest;

import java.util.HashSet;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The ingest endpoints ({@code /api/logs}, {@code /api/heartbeats/*}, {@code /api/llm/traces},
 * {@code /api/alertmanager}), from {@code sentinel.collector.ingest}.
 *
 * @param maxBodyBytes        a larger request body is refused with 413 before it is read further
 * @param maxItems            log lines, traces or alerts per request; more is refused with 413
 * @param maxInFlightRequests requests handled at once; more get 503 with Retry-After. With the body
 *                            limit this bounds what requests hold in memory: 32 × 1 MiB by default
 * @param tokens              who may ingest, by SHA-256 of their token; with
 *                            {@code SENTINEL_INGEST_TOKEN} unset too, ingest answers 503 to everyone
 * @param rateLimit           requests per token: 20 a second, bursts of 40 by default; beyond it 429 with
 *                            Retry-After. A token's own {@code rate-limit} overrides it
 */
@ConfigurationProperties("sentinel.collector.ingest")
public record IngestProperties(@DefaultValue("1MB") DataSize maxBodyBytes,
                               @DefaultValue("5000") int maxItems,
                               @DefaultValue("32") int maxInFlightRequests,
                               List<IngestToken> tokens,
                               @DefaultValue IngestRateLimit rateLimit) {

    static final IngestRateLimit DEFAULT_RATE_LIMIT = new IngestRateLimit(20.0, 40);

    private static final String PREFIX = "sentinel.collector.ingest";

    public IngestProperties {
        if (maxBodyBytes == null || maxBodyBytes.toBytes() < 1 || maxBodyBytes.toBytes() > 64L * 1024 * 1024) {
            throw new IllegalArgumentException(PREFIX + ".max-body-bytes must be between 1B and 64MB, was " + maxBodyBytes);
        }
        if (maxItems < 1) {
            throw new IllegalArgumentException(PREFIX + ".max-items must be at least 1, was " + maxItems);
        }
        if (maxInFlightRequests < 1) {
            throw new IllegalArgumentException(PREFIX + ".max-in-flight-requests must be at least 1, was " + maxInFlightRequests);
        }
        rateLimit = rateLimit == null ? DEFAULT_RATE_LIMIT : rateLimit.orElse(DEFAULT_RATE_LIMIT);
        rateLimit.validate(PREFIX + ".rate-limit");
        tokens = tokens == null ? List.of() : List.copyOf(tokens);
        var names = new HashSet<String>();
        for (int i = 0; i < tokens.size(); i++) {
            String property = PREFIX + ".tokens[" + i + "]";
            tokens.get(i).validate(property);
            if (!names.add(tokens.get(i).name()) || tokens.get(i).name().equals(IngestTokens.ENVIRONMENT_TOKEN_NAME)) {
                throw new IllegalArgumentException(property + ".name '" + tokens.get(i).name()
                        + "' is already taken (by another token, or 'env' by SENTINEL_INGEST_TOKEN)");
            }
        }
    }
}
