package io.sentinel.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentinel.events.incident.IncidentEvent;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.signal.SignalEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    private final EventCodec codec = new EventCodec();
    private final IncidentOpened opened = (IncidentOpened) EventSamples.all().get(IncidentOpened.class);

    @Test
    void roundTripsAnEnvelopeThroughHeadersAndJson() {
        var envelope = new EventEnvelope<>("id-1", "detector", EventSamples.AT, TraceParent.root(), opened);
        Map<String, String> headers = codec.headers(envelope);

        EventEnvelope<IncidentEvent> read = codec.read(Topic.INCIDENTS, IncidentEvent.class, headers::get, codec.encode(opened));

        assertThat(read).isEqualTo(envelope);
        assertThat(headers).containsEntry("ce_type", "io.sentinel.events.IncidentOpened")
                .containsEntry("ce_subject", EventSamples.INCIDENT)
                .containsEntry("ce_specversion", "1.0");
    }

    @Test
    void rejectsAnUnknownTypeNamingIt() {
        assertThatThrownBy(() -> codec.decode(json("{\"type\":\"IncidentExploded\",\"incidentId\":\"x\"}"), IncidentEvent.class))
                .isInstanceOf(EventContractViolation.class)
                .hasMessage("unknown event type 'IncidentExploded' on a IncidentEvent topic");
    }

    @Test
    void rejectsAnEventOfAnotherFamily() {
        byte[] incident = codec.encode(opened);
        assertThatThrownBy(() -> codec.decode(incident, SignalEvent.class))
                .isInstanceOf(EventContractViolation.class)
                .hasMessageContaining("IncidentOpened");
    }

    @Test
    void rejectsAMissingRequiredFieldNamingIt() {
        String withoutTitle = new String(codec.encode(opened), StandardCharsets.UTF_8).replaceAll("\"title\":\"[^\"]*\",", "");
        assertThatThrownBy(() -> codec.decode(json(withoutTitle), IncidentEvent.class))
                .isInstanceOf(EventContractViolation.class)
                .hasMessage("IncidentOpened is invalid: missing required field 'title'");
    }

    @Test
    void rejectsAMissingPrimitiveField() {
        String json = "{\"type\":\"IncidentUpdated\",\"incidentId\":\"i\",\"causationId\":\"c\",\"severity\":\"WARNING\","
                + "\"observation\":{\"signal\":\"s\",\"observedAt\":\"2026-11-23T14:05:35Z\"}}";
        assertThatThrownBy(() -> codec.decode(json(json), IncidentEvent.class))
                .isInstanceOf(EventContractViolation.class)
                .hasMessageContaining("occurrences");
    }

    @Test
    void rejectsAMissingDiscriminator() {
        assertThatThrownBy(() -> codec.decode(json("{\"incidentId\":\"x\"}"), IncidentEvent.class))
                .isInstanceOf(EventContractViolation.class)
                .hasMessageContaining("type");
    }

    @Test
    void rejectsGarbage() {
        assertThatThrownBy(() -> codec.decode(json("not json at all"), IncidentEvent.class))
                .isInstanceOf(EventContractViolation.class)
                .hasMessageStartingWith("unreadable IncidentEvent");
        assertThatThrownBy(() -> codec.decode(new byte[0], IncidentEvent.class))
                .isInstanceOf(EventContractViolation.class)
                .hasMessageStartingWith("empty record value");
        assertThatThrownBy(() -> codec.decode(json("null"), IncidentEvent.class))
                .isInstanceOf(EventContractViolation.class);
    }

    @Test
    void ignoresFieldsItDoesNotKnowSoProducersCanAddOptionalFields() {
        String withExtra = new String(codec.encode(opened), StandardCharsets.UTF_8).replaceFirst("\\{", "{\"addedLater\":42,");
        assertThat(codec.decode(json(withExtra), IncidentEvent.class)).isEqualTo(opened);
    }

    @Test
    void rejectsHeadersThatContradictThePayload() {
        var envelope = new EventEnvelope<>("id-1", "detector", Instant.now(), TraceParent.root(), opened);
        Map<String, String> headers = new HashMap<>(codec.headers(envelope));
        headers.put("ce_type", "io.sentinel.events.IncidentResolved");

        assertThatThrownBy(() -> codec.read(Topic.INCIDENTS, IncidentEvent.class, headers::get, codec.encode(opened)))
                .isInstanceOf(EventContractViolation.class)
                .hasMessageContaining("contradicts");
    }

    @Test
    void rejectsMissingEnvelopeHeaders() {
        assertThatThrownBy(() -> codec.read(Topic.INCIDENTS, IncidentEvent.class, name -> null, codec.encode(opened)))
                .isInstanceOf(EventContractViolation.class)
                .hasMessage("missing required header 'ce_id'");
    }

    @Test
    void startsANewTraceWhenTheRecordCarriesNone() {
        var envelope = new EventEnvelope<>("id-1", "detector", Instant.now(), TraceParent.root(), opened);
        Map<String, String> headers = new HashMap<>(codec.headers(envelope));
        headers.put("traceparent", "00-garbage");

        var read = codec.read(Topic.INCIDENTS, IncidentEvent.class, headers::get, codec.encode(opened));

        assertThat(read.traceParent()).isNotNull();
        assertThat(read.traceParent().traceId()).isNotEqualTo(envelope.traceParent().traceId());
    }

    @Test
    void everyTopicHasADeadLetterTopic() {
        for (Topic topic : Topic.values()) {
            assertThat(topic.deadLetterTopicName()).isEqualTo(topic.topicName() + ".dlq");
        }
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
