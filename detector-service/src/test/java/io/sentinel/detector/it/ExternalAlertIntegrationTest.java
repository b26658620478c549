package io.sentinel.detector.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sentinel.events.Topic;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.incident.IncidentResolved;
import io.sentinel.events.incident.Resolution;
import io.sentinel.events.incident.Severity;
import io.sentinel.events.signal.AlertStatus;
import io.sentinel.events.signal.ExternalAlert;
import io.sentinel.testkit.ConsumerLag;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Alerts from Alertmanager, grouped into incidents. */
class ExternalAlertIntegrationTest extends DetectorIntegrationTest {

    @Test
    void aBurstOfTenThousandAlertsOverFiftyFingerprintsYieldsExactlyFiftyIncidents() {
        Instant startsAt = Instant.now();
        List<ExternalAlert> burst = new ArrayList<>();
        for (int repeat = 0; repeat < 200; repeat++) {
            for (int alert = 0; alert < 50; alert++) {
                burst.add(alert("burst-" + alert, "fp-burst-" + alert, AlertStatus.FIRING, startsAt));
            }
        }

        sender.sendAll(burst);

        ConsumerLag.awaitCaughtUp(bootstrapServers(), SOURCE, Topic.SIGNALS.topicName(), Duration.ofSeconds(180));
        long incidents = jdbi.withHandle(handle -> handle.createQuery("select count(*) from incident where resource like 'burst-%'")
                .mapTo(Long.class).one());
        assertThat(incidents).as("one incident per fingerprint, the 9,950 repeats only counted").isEqualTo(50);
        // Everything consumed is committed with its reactions in the outbox; the 50 incidents' openings all come out.
        await().atMost(WAIT).until(() -> openedBurst().stream().map(IncidentOpened::resource).collect(Collectors.toSet()).size() == 50);
        assertThat(openedBurst()).as("and no more").hasSize(50);
    }

    @Test
    void aFiringAlertOpensAnIncidentAndItsResolutionResolvesIt() {
        Instant startsAt = Instant.now();
        sender.send(alert("db-1", "fp-db-1", AlertStatus.FIRING, startsAt));

        IncidentOpened opened = probe.await(IncidentOpened.class, e -> e.resource().equals("db-1"), WAIT);
        assertThat(opened.rule()).isEqualTo("alert:DiskFull");
        assertThat(opened.fingerprint()).startsWith("alert:DiskFull|db-1|");
        assertThat(opened.target()).as("an alert is what a sender says: it names no target").isNull();
        assertThat(opened.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(opened.title()).isEqualTo("disk full on db-1");
        assertThat(opened.labels()).containsEntry("source", "alertmanager");

        sender.send(alert("db-1", "fp-db-1", AlertStatus.RESOLVED, startsAt));
        answerClearedWithoutRemediation(opened.incidentId());
        IncidentResolved resolved = probe.await(IncidentResolved.class, e -> e.incidentId().equals(opened.incidentId()), WAIT);
        assertThat(resolved.resolution()).isEqualTo(Resolution.CLEARED_BY_ITSELF);
    }

    @Test
    void anAlertNamedLikeADetectorRuleOpensAnIncidentOfAnAlertRuleNeverOfTheDetectorsRule() {
        Instant startsAt = Instant.now();
        ExternalAlert impostor = new ExternalAlert("alertmanager", "svc-impostor", "fp-impostor", AlertStatus.FIRING,
                Map.of("alertname", "memory-usage-high", "severity", "critical", "service", "svc-impostor", "target", "payments-prod"),
                Map.of("summary", "memory above 60% on svc-impostor"), startsAt, null, null, Instant.now());

        sender.send(impostor);

        IncidentOpened opened = probe.await(IncidentOpened.class, e -> e.resource().equals("svc-impostor"), WAIT);
        assertThat(opened.rule()).isEqualTo("alert:memory-usage-high");
        assertThat(opened.fingerprint()).isEqualTo("alert:memory-usage-high|svc-impostor|alertmanager_fingerprint=fp-impostor");
        assertThat(opened.observation().signal()).isEqualTo("alert:memory-usage-high");
        assertThat(opened.title()).as("titles are the alert's own").isEqualTo("memory above 60% on svc-impostor");
        assertThat(opened.target()).as("its target label is a label, not a target").isNull();
        assertThat(probe.events(IncidentOpened.class)).filteredOn(e -> e.resource().equals("svc-impostor"))
                .extracting(IncidentOpened::rule).containsOnly("alert:memory-usage-high");
    }

    private static List<IncidentOpened> openedBurst() {
        return probe.events(IncidentOpened.class).stream().filter(e -> e.resource().startsWith("burst-")).toList();
    }

    private static ExternalAlert alert(String resource, String fingerprint, AlertStatus status, Instant startsAt) {
        return new ExternalAlert("alertmanager", resource, fingerprint, status,
                Map.of("alertname", "DiskFull", "severity", "critical", "instance", resource + ":9100"),
                Map.of("summary", "disk full on " + resource), startsAt, status == AlertStatus.RESOLVED ? Instant.now() : null,
                null, Instant.now());
    }
}
