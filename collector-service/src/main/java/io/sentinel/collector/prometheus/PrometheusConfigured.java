package io.sentinel.collector.prometheus;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** Matches when {@code sentinel.collector.prometheus.url} is set to something; empty counts as unset. */
final class PrometheusConfigured implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return StringUtils.hasText(context.getEnvironment().getProperty("sentinel.collector.prometheus.url"));
    }
}
