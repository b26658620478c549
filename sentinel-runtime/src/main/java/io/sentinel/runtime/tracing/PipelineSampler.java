package io.sentinel.runtime.tracing;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.List;

/**
 * Which traces are kept. A span with a parent follows its parent's decision, so a trace is kept or
 * dropped whole, in every service. A trace's first span is kept at the configured ratio, except an
 * incident's: incidents are few and are what the traces are for, so an incident's trace is always
 * kept when {@code sentinel.tracing.sample-every-incident} is on (signal batches, requests and
 * everything else still follow the ratio).
 */
final class PipelineSampler implements Sampler {

    private final Sampler ratio;
    private final boolean everyIncident;

    private PipelineSampler(double probability, boolean everyIncident) {
        this.ratio = Sampler.traceIdRatioBased(probability);
        this.everyIncident = everyIncident;
    }

    static Sampler of(double probability, boolean everyIncident) {
        return Sampler.parentBased(new PipelineSampler(probability, everyIncident));
    }

    @Override
    public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind, Attributes attributes,
                                       List<LinkData> parentLinks) {
        if (everyIncident && attributes.get(SpanAttributes.INCIDENT_ID) != null) {
            return SamplingResult.recordAndSample();
        }
        return ratio.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
    }

    @Override
    public String getDescription() {
        return "SentinelPipelineSampler{ratio=" + ratio.getDescription() + ", everyIncident=" + everyIncident + "}";
    }
}
