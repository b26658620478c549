package io.sentinel.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.sentinel.local.demo.Fault;
import io.sentinel.runtime.tracing.SpanAttributes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The pipeline traced by itself: every service exports its spans (here to one in-memory exporter,
 * in a deployment to an OTLP collector), and one incident reads as one trace from the signal batch
 * that opened it to the verification of its fix.
 */
@ExtendWith(EndToEndStack.Shared.class)
@Order(2)
class PipelineTracingEndToEndTest {

    private static final String INCIDENTS = "sentinel.incidents.v1";
    private static final long CLOCK_GRANULARITY_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private static EndToEndStack e2e;

    @BeforeAll
    static void useTheStack(EndToEndStack shared) {
        e2e = shared;
    }

    @Test
    void oneIncidentIsOneTraceAcrossEveryServiceFromItsSignalBatchToItsVerification() {
        e2e.stack().demo("shop-traced").workload().inject(Fault.MEMORY_LEAK);
        JsonNode incident = e2e.awaitIncident("shop-traced", "RESOLVED");
        String incidentId = incident.path("incidentId").asString();
        assertThat(Timeline.traceIds(incident)).as("the gateway saw every event of the incident in one trace").hasSize(1);
        String traceId = Timeline.traceIds(incident).iterator().next();
        e2e.awaitNotification("incident.resolved", incident);

        // The last event is handled by everyone who reads it, and their spans have reached the exporter.
        Trace trace = awaitTrace(traceId, List.of(
                created("detector", "IncidentResolved"), processed("gateway", "IncidentResolved"), processed("notifier", "IncidentResolved"),
                created("executor", "VerificationPassed")));

        assertThat(trace.services()).as("every service that handles an incident has spans in its trace")
                .contains("detector", "analyzer", "policy", "executor", "notifier", "gateway");
        assertThat(trace.roots()).as("one first span, and no span hanging from one that is not in the trace").singleElement()
                .satisfies(root -> {
                    assertThat(Trace.service(root)).isEqualTo("detector");
                    assertThat(root.getName()).isEqualTo(INCIDENTS + " create");
                    assertThat(root.getAttributes().get(SpanAttributes.EVENT_TYPE)).isEqualTo("IncidentOpened");
                });

        SpanData opened = trace.roots().getFirst();
        LinkData cause = opened.getLinks().stream().filter(link -> "cause".equals(link.getAttributes().get(SpanAttributes.LINK_ROLE)))
                .findFirst().orElseThrow(() -> new AssertionError("the incident's first span links to no cause: " + opened.getLinks()));
        Trace signals = Trace.of(e2e.spans().getFinishedSpanItems(), cause.getSpanContext().getTraceId());
        SpanData decidedOn = signals.bySpanId().get(cause.getSpanContext().getSpanId());
        assertThat(decidedOn).as("the linked span, in the signal batch's trace").isNotNull();
        assertThat(Trace.service(decidedOn)).isEqualTo("detector");
        assertThat(signals.pathTo(decidedOn)).as("the signal batch's trace, from the collector's publication to the detection")
                .first().satisfies(first -> {
                    assertThat(Trace.service(first)).isEqualTo("collector");
                    assertThat(first.getName()).isEqualTo("sentinel.signals.v1 publish");
                    assertThat(first.getKind()).isEqualTo(SpanKind.PRODUCER);
                });

        SpanData resolved = trace.find(created("detector", "IncidentResolved")).orElseThrow();
        List<SpanData> path = trace.pathTo(resolved);
        assertThat(Trace.servicesAlong(path)).as("the resolution descends from the opening through every stage, in order")
                .containsSubsequence("detector", "analyzer", "policy", "executor", "detector");
        for (int i = 1; i < path.size(); i++) {
            assertThat(path.get(i).getStartEpochNanos()).as("%s starts after its parent %s", path.get(i).getName(), path.get(i - 1).getName())
                    .isGreaterThanOrEqualTo(path.get(i - 1).getStartEpochNanos() - CLOCK_GRANULARITY_NANOS);
        }

        assertThat(trace.spans()).as("every span of the pipeline names the incident")
                .filteredOn(span -> span.getInstrumentationScopeInfo().getName().equals("io.sentinel.runtime"))
                .isNotEmpty()
                .allSatisfy(span -> assertThat(span.getAttributes().get(SpanAttributes.INCIDENT_ID)).as(span.getName()).isEqualTo(incidentId));
        assertThat(trace.spans()).filteredOn(span -> span.getKind() == SpanKind.CONSUMER).isNotEmpty().allSatisfy(span -> {
            assertThat(span.getName()).endsWith(" process");
            assertThat(span.getAttributes().get(SpanAttributes.MESSAGING_SYSTEM)).isEqualTo("kafka");
            assertThat(span.getAttributes().get(SpanAttributes.MESSAGING_OPERATION)).isEqualTo("process");
            assertThat(span.getName()).startsWith(span.getAttributes().get(SpanAttributes.MESSAGING_DESTINATION) + " ");
        });
        assertThat(trace.spans()).as("what the relays sent").anySatisfy(span -> {
            assertThat(span.getName()).isEqualTo("sentinel.executions.v1 publish");
            assertThat(span.getAttributes().get(SpanAttributes.MESSAGING_OPERATION)).isEqualTo("publish");
        });

        SpanData analysed = trace.find(created("analyzer", "AnalysisCompleted")).orElseThrow();
        assertThat(analysed.getAttributes().get(SpanAttributes.PLAYBOOK)).isEqualTo("release-memory");
        assertThat(analysed.getAttributes().get(SpanAttributes.RISK)).isEqualTo("LOW");
        SpanData authorized = trace.find(created("policy", "ActionAuthorized")).orElseThrow();
        assertThat(authorized.getAttributes().get(SpanAttributes.PLAYBOOK)).isEqualTo("release-memory");
        assertThat(authorized.getAttributes().get(SpanAttributes.RISK)).isEqualTo("LOW");
        assertThat(trace.find(processed("executor", "ActionAuthorized")).orElseThrow().getAttributes().get(SpanAttributes.PLAYBOOK))
                .isEqualTo("release-memory");
        assertThat(trace.find(created("executor", "ExecutionStarted")).orElseThrow().getAttributes().get(SpanAttributes.PLAYBOOK))
                .isEqualTo("release-memory");

        assertThat(e2e.spans().getFinishedSpanItems()).as("scheduled tasks (deadlines, ticks, dispatch) start no trace of their own")
                .noneMatch(span -> span.getName().startsWith("task "));
    }

    private static Trace awaitTrace(String traceId, List<Predicate<SpanData>> mustHave) {
        Trace[] trace = new Trace[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            trace[0] = Trace.of(e2e.spans().getFinishedSpanItems(), traceId);
            for (Predicate<SpanData> span : mustHave) {
                assertThat(trace[0].find(span)).as("in trace %s: %s", traceId, trace[0].spans().stream()
                        .map(s -> Trace.service(s) + ":" + s.getName() + ":" + s.getAttributes().get(SpanAttributes.EVENT_TYPE)).toList())
                        .isPresent();
            }
        });
        return trace[0];
    }

    private static Predicate<SpanData> created(String service, String type) {
        return span -> Trace.service(span).equals(service) && span.getName().endsWith(" create")
                && type.equals(span.getAttributes().get(SpanAttributes.EVENT_TYPE));
    }

    private static Predicate<SpanData> processed(String service, String type) {
        return span -> Trace.service(span).equals(service) && span.getName().endsWith(" process")
                && type.equals(span.getAttributes().get(SpanAttributes.EVENT_TYPE));
    }
}
