package io.sentinel.runtime.tracing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the pipeline traces itself. The share of traces kept is Spring Boot's
 * {@code management.tracing.sampling.probability} ({@code SENTINEL_TRACE_SAMPLING}); where they go
 * is {@code SENTINEL_OTLP_ENDPOINT} (nowhere by default).
 *
 * @param sampleEveryIncident keep every incident's trace whatever the sampling probability: incidents
 *                            are few, and their traces are what tracing Sentinel is for
 * @param recentTraces        how many traces each service remembers its latest span of, so that work
 *                            continuing a trace off the consumer's thread (an execution, a scheduler)
 *                            hangs from it; beyond that, such work starts a parentless span in the
 *                            right trace
 */
@ConfigurationProperties("sentinel.tracing")
public record TracingProperties(@DefaultValue("true") boolean sampleEveryIncident,
                                @DefaultValue("10000") int recentTraces) {

    public TracingProperties {
        if (recentTraces < 1) {
            throw new IllegalArgumentException("sentinel.tracing.recent-traces must be at least 1, was " + recentTraces);
        }
    }
}
