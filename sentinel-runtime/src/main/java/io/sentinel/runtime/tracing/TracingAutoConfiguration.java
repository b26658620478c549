package io.sentinel.runtime.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SdkTracerProviderBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Spring Boot's OpenTelemetry SDK (through Micrometer Tracing, so HTTP requests are traced too),
 * made to give the pipeline's spans the ids their events carry and to keep incidents' traces.
 * Before Boot's tracing configuration, which then keeps this sampler instead of its own.
 */
@AutoConfiguration(before = OpenTelemetryTracingAutoConfiguration.class)
@ConditionalOnClass({SdkTracerProvider.class, OpenTelemetryTracingAutoConfiguration.class})
@EnableConfigurationProperties(TracingProperties.class)
public class TracingAutoConfiguration {

    /** Boot's default when the property is unset; Sentinel's services default it to 1.0 (every trace). */
    private static final double BOOT_DEFAULT_PROBABILITY = 0.1;

    @Bean
    PinnedIdGenerator pinnedIdGenerator() {
        return new PinnedIdGenerator();
    }

    @Bean
    SdkTracerProviderBuilderCustomizer sentinelIdGenerator(PinnedIdGenerator ids) {
        return builder -> builder.setIdGenerator(ids);
    }

    @Bean
    @ConditionalOnMissingBean
    Sampler sentinelSampler(Environment environment, TracingProperties properties) {
        double probability = environment.getProperty("management.tracing.sampling.probability", Double.class, BOOT_DEFAULT_PROBABILITY);
        if (probability < 0 || probability > 1) {
            throw new IllegalArgumentException("management.tracing.sampling.probability (SENTINEL_TRACE_SAMPLING) must be between 0.0 "
                    + "and 1.0, was " + probability);
        }
        return PipelineSampler.of(probability, properties.sampleEveryIncident());
    }

    @Bean
    @ConditionalOnMissingBean
    PipelineTracing pipelineTracing(ObjectProvider<OpenTelemetry> openTelemetry, PinnedIdGenerator ids, TracingProperties properties) {
        return new PipelineTracing(openTelemetry.getIfAvailable(OpenTelemetry::noop), ids, properties.recentTraces());
    }
}
