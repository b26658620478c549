package io.sentinel.runtime.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.sentinel.events.CloudEventHeaders;
import io.sentinel.events.EventEnvelope;
import io.sentinel.events.EventIds;
import io.sentinel.events.TraceParent;
import io.sentinel.events.analysis.ProposedAction;
import io.sentinel.events.analysis.Risk;
import io.sentinel.events.decision.ActionAuthorized;
import io.sentinel.events.decision.ApprovalMode;
import io.sentinel.events.execution.ExecutionStarted;
import io.sentinel.events.incident.IncidentEscalated;
import io.sentinel.events.signal.HeartbeatReceived;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PipelineTracingTest {

    private static final String INCIDENTS = "sentinel.incidents.v1";
    private static final String EXECUTIONS = "sentinel.executions.v1";

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private SdkTracerProvider provider;

    @AfterEach
    void closeTheSdk() {
        if (provider != null) {
            provider.close();
        }
    }

    @Test
    void aReactionsSpanHasTheIdsItsEventCarriesAndHangsFromTheHandlerSpan() {
        PipelineTracing tracing = tracing(1.0);
        TraceParent cause = TraceParent.root();

        TraceParent published;
        try (PipelineSpan process = tracing.process(INCIDENTS, headers(cause), 2, 41L, "inc-1", "analyzer")) {
            TraceParent requested = cause.child();
            PipelineTracing.Publication publication = tracing.create(EXECUTIONS, started("inc-1"), "ev-2", requested);
            publication.span().close();
            published = publication.traceParent();
            assertThat(published).as("the event keeps the trace context its publisher chose").isEqualTo(requested);
        }

        SpanData processed = span(INCIDENTS + " process");
        SpanData created = span(EXECUTIONS + " create");
        assertThat(processed.getParentSpanId()).as("a delivery is a child of the span that created the event").isEqualTo(cause.spanId());
        assertThat(processed.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(processed.getAttributes().asMap()).containsEntry(SpanAttributes.MESSAGING_SYSTEM, "kafka")
                .containsEntry(SpanAttributes.MESSAGING_DESTINATION, INCIDENTS)
                .containsEntry(SpanAttributes.MESSAGING_OPERATION, "process")
                .containsEntry(SpanAttributes.MESSAGING_PARTITION, "2")
                .containsEntry(SpanAttributes.MESSAGING_KAFKA_OFFSET, 41L)
                .containsEntry(SpanAttributes.MESSAGING_CONSUMER_GROUP, "analyzer");
        assertThat(created.getTraceId()).isEqualTo(published.traceId());
        assertThat(created.getSpanId()).as("the header names the span itself").isEqualTo(published.spanId());
        assertThat(created.getParentSpanId()).isEqualTo(processed.getSpanId());
        assertThat(created.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(created.getAttributes().asMap()).containsEntry(SpanAttributes.MESSAGING_OPERATION, "create")
                .containsEntry(SpanAttributes.MESSAGING_DESTINATION, EXECUTIONS)
                .containsEntry(SpanAttributes.INCIDENT_ID, "inc-1")
                .containsEntry(SpanAttributes.PLAYBOOK, "release-memory")
                .containsEntry(SpanAttributes.MESSAGING_MESSAGE_ID, "ev-2");
    }

    @Test
    void theFirstEventOfAnIncidentStartsItsTraceAndLinksToTheSignalItWasDecidedOn() {
        PipelineTracing tracing = tracing(0.0);
        TraceParent signal = new TraceParent(TraceParent.root().traceId(), TraceParent.root().spanId(), true);
        TraceParent incident = TraceParent.root();

        try (PipelineSpan process = tracing.process("sentinel.signals.v1", headers(signal), 0, 7L, "shop", "detector")) {
            tracing.create(INCIDENTS, escalated("inc-2"), "ev-3", incident).span().close();
        }

        SpanData processed = span("sentinel.signals.v1 process");
        SpanData opened = span(INCIDENTS + " create");
        assertThat(opened.getTraceId()).isEqualTo(incident.traceId());
        assertThat(opened.getSpanId()).isEqualTo(incident.spanId());
        assertThat(opened.getParentSpanContext().isValid()).as("the incident's trace starts here").isFalse();
        assertThat(opened.getLinks()).singleElement().satisfies(link -> {
            assertThat(link.getSpanContext().getSpanId()).isEqualTo(processed.getSpanId());
            assertThat(link.getAttributes().get(SpanAttributes.LINK_ROLE)).isEqualTo("cause");
        });
        assertThat(opened.getSpanContext().isSampled()).as("an incident's trace is kept whatever the sampling ratio").isTrue();
    }

    @Test
    void workOffTheConsumersThreadHangsFromTheServicesLatestSpanInTheTrace() throws Exception {
        PipelineTracing tracing = tracing(1.0);
        TraceParent decision = TraceParent.root();
        try (PipelineSpan process = tracing.process("sentinel.decisions.v1", headers(decision), 0, 1L, "inc-3", "executor")) {
            // the execution is handed to a thread of its own
        }
        TraceParent requested = decision.child();

        try (var thread = Executors.newSingleThreadExecutor()) {
            thread.submit(() -> tracing.create(EXECUTIONS, started("inc-3"), "ev-4", requested).span().close()).get();
        }

        SpanData processed = span("sentinel.decisions.v1 process");
        SpanData created = span(EXECUTIONS + " create");
        assertThat(created.getParentSpanId()).isEqualTo(processed.getSpanId());
        assertThat(created.getSpanId()).isEqualTo(requested.spanId());
        assertThat(created.getLinks()).as("no other trace was involved").isEmpty();
    }

    @Test
    void aTraceThisServiceForgotGetsAParentlessSpanInTheRightTrace() {
        PipelineTracing tracing = tracing(1.0);
        TraceParent requested = TraceParent.root().child();

        PipelineTracing.Publication publication = tracing.create(EXECUTIONS, started("inc-4"), "ev-5", requested);
        publication.span().close();

        SpanData created = span(EXECUTIONS + " create");
        assertThat(created.getTraceId()).isEqualTo(requested.traceId());
        assertThat(created.getSpanId()).isEqualTo(requested.spanId());
        assertThat(publication.traceParent()).isEqualTo(requested);
    }

    @Test
    void twoEventsPublishedWithOneTraceParentGetTwoSpansAndTheSecondCarriesItsOwn() {
        PipelineTracing tracing = tracing(1.0);
        TraceParent shared = TraceParent.root();

        TraceParent first = tracing.create(INCIDENTS, escalated("inc-5"), "ev-6", shared).traceParent();
        PipelineTracing.Publication second = tracing.create(INCIDENTS, escalated("inc-5"), "ev-7", shared);
        second.span().close();

        assertThat(first).isEqualTo(shared);
        assertThat(second.traceParent().traceId()).isEqualTo(shared.traceId());
        assertThat(second.traceParent().spanId()).as("no twin span ids in one trace").isNotEqualTo(shared.spanId());
        assertThat(span(INCIDENTS + " create").getSpanId()).isEqualTo(second.traceParent().spanId());
    }

    @Test
    void aRecordWithoutTraceContextStartsATraceThatItsReactionsContinue() {
        PipelineTracing tracing = tracing(1.0);
        EventEnvelope<IncidentEscalated> decoded = new EventEnvelope<>(EventIds.random(), "detector", Instant.now(), TraceParent.root(),
                escalated("inc-6"));

        EventEnvelope<IncidentEscalated> adopted;
        SpanContext processing;
        try (PipelineSpan process = tracing.process(INCIDENTS, name -> null, 0, 3L, "inc-6", "analyzer")) {
            adopted = process.adopt(decoded, false);
            processing = process.context();
        }

        assertThat(adopted.traceParent().traceId()).isEqualTo(processing.getTraceId()).isNotEqualTo(decoded.traceParent().traceId());
        assertThat(adopted.traceParent().spanId()).isEqualTo(processing.getSpanId());
        assertThat(adopted.id()).isEqualTo(decoded.id());
        assertThat(span(INCIDENTS + " process").getAttributes().get(SpanAttributes.INCIDENT_ID)).isEqualTo("inc-6");
    }

    @Test
    void theRelaysSendIsAChildOfTheSpanThatCreatedTheEvent() {
        PipelineTracing tracing = tracing(1.0);
        TraceParent created = TraceParent.root();

        Map<String, String> stored = Map.of(CloudEventHeaders.TRACE_PARENT, created.header(), CloudEventHeaders.ID, "ev-8",
                CloudEventHeaders.SUBJECT, "inc-7", CloudEventHeaders.TYPE, "io.sentinel.events.StepCompleted");
        try (PipelineSpan relay = tracing.relay(EXECUTIONS, "inc-7", stored::get)) {
            relay.fail("not acknowledged by Kafka within PT15S");
        }

        SpanData sent = span(EXECUTIONS + " publish");
        assertThat(sent.getParentSpanId()).isEqualTo(created.spanId());
        assertThat(sent.getTraceId()).isEqualTo(created.traceId());
        assertThat(sent.getAttributes().get(SpanAttributes.MESSAGING_OPERATION)).isEqualTo("publish");
        assertThat(sent.getAttributes().get(SpanAttributes.INCIDENT_ID)).isEqualTo("inc-7");
        assertThat(sent.getAttributes().get(SpanAttributes.MESSAGING_MESSAGE_ID)).isEqualTo("ev-8");
        assertThat(sent.getAttributes().get(SpanAttributes.EVENT_TYPE)).isEqualTo("StepCompleted");
        assertThat(sent.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    }

    @Test
    void signalsStartTheirOwnTracesAtTheSamplingRatioAndLinkToTheirRequest() {
        PipelineTracing kept = tracing(1.0);
        try (PipelineSpan request = kept.continueTrace(TraceParent.root(), "POST /api/heartbeats")) {
            PipelineTracing.Publication publication = kept.publishDirect("sentinel.signals.v1", heartbeat(), "ev-9");
            publication.span().close();
            assertThat(publication.traceParent().traceId()).isNotEqualTo(request.context().getTraceId());
            assertThat(publication.traceParent().sampled()).isTrue();
        }
        SpanData signal = span("sentinel.signals.v1 publish");
        assertThat(signal.getParentSpanContext().isValid()).isFalse();
        assertThat(signal.getLinks()).singleElement()
                .satisfies(link -> assertThat(link.getSpanContext().getSpanId()).isEqualTo(span("POST /api/heartbeats").getSpanId()));

        PipelineTracing dropped = tracing(0.0);
        PipelineTracing.Publication unsampled = dropped.publishDirect("sentinel.signals.v1", heartbeat(), "ev-10");
        unsampled.span().close();
        assertThat(unsampled.traceParent().sampled()).as("the header tells consumers the trace is not kept").isFalse();
    }

    @Test
    void anIncidentsTraceIsKeptWhateverTheRatioUnlessIncidentsFollowItToo() {
        assertThat(rootDecision(PipelineSampler.of(0.0, true), "http get /api/incidents", Attributes.empty()))
                .isEqualTo(SamplingDecision.DROP);
        assertThat(rootDecision(PipelineSampler.of(0.0, true), INCIDENTS + " create", Attributes.of(SpanAttributes.INCIDENT_ID, "inc-10")))
                .isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
        assertThat(rootDecision(PipelineSampler.of(0.0, false), INCIDENTS + " create", Attributes.of(SpanAttributes.INCIDENT_ID, "inc-11")))
                .isEqualTo(SamplingDecision.DROP);
        assertThat(rootDecision(PipelineSampler.of(1.0, false), "http get /api/incidents", Attributes.empty()))
                .isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
    }

    @Test
    void withTracingOffEventsKeepTheTraceContextTheirPublishersChose() {
        PipelineTracing tracing = PipelineTracing.disabled();
        TraceParent requested = TraceParent.root();

        PipelineTracing.Publication publication = tracing.create(INCIDENTS, escalated("inc-8"), "ev-11", requested);
        publication.span().close();

        assertThat(publication.traceParent()).isEqualTo(requested);
        assertThat(tracing.publishDirect("sentinel.signals.v1", heartbeat(), "ev-12").traceParent()).isNotNull();
    }

    @Test
    void eventsNameTheirIncidentPlaybookAndRisk() {
        var authorized = new ActionAuthorized("inc-9", "cause", new ProposedAction("restart-service", Map.of()), Risk.MEDIUM,
                ApprovalMode.AUTO, null, null, "auto-low", "shop", "staging", Map.of(), null);

        assertThat(SpanAttributes.of(authorized).asMap()).containsEntry(SpanAttributes.INCIDENT_ID, "inc-9")
                .containsEntry(SpanAttributes.PLAYBOOK, "restart-service")
                .containsEntry(SpanAttributes.RISK, "MEDIUM")
                .containsEntry(SpanAttributes.EVENT_TYPE, "ActionAuthorized");
        assertThat(SpanAttributes.of(heartbeat()).asMap()).containsOnlyKeys(SpanAttributes.EVENT_TYPE);
    }

    private static SamplingDecision rootDecision(Sampler sampler, String name, Attributes attributes) {
        return sampler.shouldSample(Context.root(), TraceParent.root().traceId(), name, SpanKind.INTERNAL, attributes, List.of()).getDecision();
    }

    private PipelineTracing tracing(double probability) {
        PinnedIdGenerator ids = new PinnedIdGenerator();
        provider = SdkTracerProvider.builder().setIdGenerator(ids).setSampler(PipelineSampler.of(probability, true))
                .addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
        return new PipelineTracing(OpenTelemetrySdk.builder().setTracerProvider(provider).build(), ids, 100);
    }

    private SpanData span(String name) {
        List<SpanData> named = spans.getFinishedSpanItems().stream().filter(span -> span.getName().equals(name)).toList();
        assertThat(named).as("finished spans named %s among %s", name, spans.getFinishedSpanItems()).isNotEmpty();
        return named.getLast();
    }

    private static Function<String, String> headers(TraceParent trace) {
        return Map.of(CloudEventHeaders.TRACE_PARENT, trace.header(), CloudEventHeaders.ID, EventIds.random())::get;
    }

    private static ExecutionStarted started(String incidentId) {
        return new ExecutionStarted(incidentId, "cause", "exec-1", "release-memory", Map.of(), Instant.now());
    }

    private static IncidentEscalated escalated(String incidentId) {
        return new IncidentEscalated(incidentId, "cause", "no fix", Instant.now());
    }

    private static HeartbeatReceived heartbeat() {
        return new HeartbeatReceived("nightly-backup", Map.of(), Duration.ofMinutes(2), Duration.ofMinutes(1), Instant.now());
    }
}
