package io.sentinel.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.collector.ingest.alertmanager.AlertmanagerWebhook;
import io.sentinel.collector.ingest.heartbeats.HeartbeatRequests;
import io.sentinel.collector.ingest.logs.LogPayloads;
import io.sentinel.events.signal.ExternalAlert;
import io.sentinel.events.signal.HeartbeatReceived;
import io.sentinel.events.signal.LlmTraceBatch;
import io.sentinel.events.signal.LogBatch;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What senders post never names an inventory target: only the collector's own configuration does
 * (scrape targets, Prometheus queries). The events ingest produces have no target at all, and a
 * sender writing "target" gets a label or an attribute like any other, which names nothing.
 */
class IngestedSignalsNameNoTargetTest {

    private static final Instant NOW = Instant.parse("2026-11-23T14:05:35Z");

    @Test
    void theEventsIngestProducesHaveNoTargetToFill() {
        for (Class<?> ingested : List.of(ExternalAlert.class, LogBatch.class, HeartbeatReceived.class, LlmTraceBatch.class)) {
            assertThat(Arrays.stream(ingested.getRecordComponents()).map(RecordComponent::getName)).as(ingested.getSimpleName())
                    .doesNotContain("target");
        }
    }

    @Test
    void aSenderWritingTargetOnlyAddsALabelOrAttribute() {
        byte[] log = "{\"service\":\"shop\",\"level\":\"error\",\"message\":\"m\",\"attributes\":{\"target\":\"payments-prod\"}}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] heartbeat = "{\"target\":\"payments-prod\"}".getBytes(StandardCharsets.UTF_8);
        byte[] alerts = """
                {"version":"4","status":"firing","receiver":"sentinel","groupKey":"g","alerts":[{"status":"firing",
                 "labels":{"alertname":"memory-usage-high","target":"payments-prod","service":"shop"},"annotations":{},
                 "startsAt":"2026-11-23T14:00:00Z","endsAt":"0001-01-01T00:00:00Z","fingerprint":"f1"}]}""".getBytes(StandardCharsets.UTF_8);

        assertThat(LogPayloads.fromNdjson(log, NOW, 10, entry -> 100)).singleElement()
                .satisfies(batch -> assertThat(batch.entries().getFirst().attributes()).containsEntry("target", "payments-prod"));
        assertThat(HeartbeatRequests.parse("backup", "24h", null, heartbeat, NOW).labels()).containsEntry("target", "payments-prod");
        assertThat(AlertmanagerWebhook.parse(alerts, NOW, 10)).singleElement().satisfies(alert -> {
            assertThat(alert.resource()).isEqualTo("shop");
            assertThat(alert.labels()).containsEntry("target", "payments-prod");
        });
    }
}
