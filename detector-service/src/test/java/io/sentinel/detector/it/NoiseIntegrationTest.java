package io.sentinel.detector.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.events.incident.ConditionCleared;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.incident.IncidentResolved;
import io.sentinel.events.incident.IncidentUpdated;
import io.sentinel.events.signal.MetricBatch;
import io.sentinel.events.signal.MetricSample;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Silences, inhibition, flapping and rules changed at runtime through the config topic. */
class NoiseIntegrationTest extends DetectorIntegrationTest {

    @Test
    void aSilenceSetAtRuntimeKeepsMatchingConditionsFromOpeningIncidentsUntilItIsLifted() {
        setting("detector.silences", """
                [{"id": "upgrade-1", "matchers": {"resource": "svc-silenced", "rule": "memory-usage-high"}, "ends-at": "%s",
                  "created-by": "alice", "comment": "planned upgrade"}]""".formatted(Instant.now().plusSeconds(3600)));
        Instant at = Instant.now();

        memory("svc-silenced", 0.9, at);
        memory("svc-loud", 0.9, at);
        memory("svc-silenced", 0.9, at.plusSeconds(2));
        memory("svc-loud", 0.9, at.plusSeconds(2));

        probe.await(IncidentOpened.class, e -> e.resource().equals("svc-loud"), WAIT);
        awaitProcessed("svc-silenced");
        assertThat(incidents("svc-silenced", "memory-usage-high")).as("silenced").isZero();

        removeSetting("detector.silences");
        memory("svc-silenced", 0.9, at.plusSeconds(3));
        probe.await(IncidentOpened.class, e -> e.resource().equals("svc-silenced") && e.rule().equals("memory-usage-high"), WAIT);
    }

    @Test
    void aDownNodeInhibitsItsOwnContainersIncidentsButNotOthers() {
        setting("detector.threshold.node-down", """
                {"signal": "node_up", "below": 1, "for": "0s", "severity": "critical", "title": "Node down: {resource}"}""");
        setting("detector.threshold.container-down", """
                {"signal": "container_up", "below": 1, "for": "0s", "severity": "critical", "title": "Container down on {resource}"}""");
        Instant at = Instant.now();

        send("worker-7", Map.of("node", "worker-7"), "node_up", 0, at);
        probe.await(IncidentOpened.class, e -> e.resource().equals("worker-7") && e.rule().equals("node-down"), WAIT);
        send("pod-on-worker-7", Map.of("node", "worker-7"), "container_up", 0, at.plusSeconds(1));
        send("pod-on-worker-8", Map.of("node", "worker-8"), "container_up", 0, at.plusSeconds(1));

        probe.await(IncidentOpened.class, e -> e.resource().equals("pod-on-worker-8"), WAIT);
        awaitProcessed("pod-on-worker-7");
        assertThat(incidents("pod-on-worker-7", "container-down")).as("a symptom of the node being down").isZero();

        removeSetting("detector.threshold.node-down");
        removeSetting("detector.threshold.container-down");
    }

    @Test
    void aFlappingConditionStaysOneIncidentUntilItHasSettled() {
        setting("detector.threshold.flap-test", """
                {"signal": "flap_ratio", "above": 0.5, "for": "0s", "title": "Flapping on {resource}"}""");

        for (int cycle = 1; cycle <= 3; cycle++) {
            send("svc-flap", Map.of(), "flap_ratio", 0.9, Instant.now());
            int openings = cycle;
            probe.await(IncidentOpened.class, e -> e.resource().equals("svc-flap") && opened("svc-flap").size() >= openings, WAIT);
            send("svc-flap", Map.of(), "flap_ratio", 0.1, Instant.now());
            String incident = opened("svc-flap").getLast().incidentId();
            probe.await(ConditionCleared.class, e -> e.incidentId().equals(incident), WAIT);
            answerClearedWithoutRemediation(incident);
            if (cycle < 3) {
                probe.await(IncidentResolved.class, e -> e.incidentId().equals(incident), WAIT);
            }
        }
        String third = opened("svc-flap").getLast().incidentId();
        // The verdict is in, and the third opening within the window makes it flapping: it settles instead of resolving.
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> "SETTLING".equals(phaseOf(third)));
        assertThat(resolved(third)).isEmpty();

        send("svc-flap", Map.of(), "flap_ratio", 0.9, Instant.now());
        IncidentUpdated returned = probe.await(IncidentUpdated.class, e -> e.incidentId().equals(third), WAIT);
        assertThat(returned.observation().detail()).startsWith("condition returned after clearing");
        send("svc-flap", Map.of(), "flap_ratio", 0.1, Instant.now());
        await(2, third);
        answerClearedWithoutRemediation(third);

        IncidentResolved settled = probe.await(IncidentResolved.class, e -> e.incidentId().equals(third), WAIT);
        assertThat(settled.summary()).contains("after flapping");
        assertThat(opened("svc-flap")).as("the return was the same incident").hasSize(3);

        removeSetting("detector.threshold.flap-test");
    }

    private String phaseOf(String incidentId) {
        return jdbi.withHandle(handle -> handle.createQuery("select phase from incident where incident_id = :id").bind("id", incidentId)
                .mapTo(String.class).one());
    }

    /** Waits for the incident's {@code count}-th ConditionCleared. */
    private static void await(int count, String incidentId) {
        probe.awaitRecords(io.sentinel.events.Topic.INCIDENTS.topicName(), count, record -> record.event() instanceof ConditionCleared cleared
                && cleared.incidentId().equals(incidentId), WAIT);
    }

    private static List<IncidentOpened> opened(String resource) {
        return probe.events(IncidentOpened.class).stream().filter(e -> e.resource().equals(resource) && !e.rule().startsWith("alert:")).toList();
    }

    private static List<IncidentResolved> resolved(String incidentId) {
        return probe.events(IncidentResolved.class).stream().filter(e -> e.incidentId().equals(incidentId)).toList();
    }

    private static void memory(String resource, double ratio, Instant at) {
        send(resource, Map.of(), "memory_usage_ratio", ratio, at);
    }

    private static void send(String resource, Map<String, String> labels, String signal, double value, Instant at) {
        sender.send(new MetricBatch("scrape", resource, labels, at, List.of(new MetricSample(signal, Map.of(), value, at)), null));
    }
}
