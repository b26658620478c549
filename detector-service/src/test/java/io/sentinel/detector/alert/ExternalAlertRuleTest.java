package io.sentinel.detector.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.detector.incident.InMemoryIncidents;
import io.sentinel.detector.rule.Finding;
import io.sentinel.detector.rule.ValueContext;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.signal.AlertStatus;
import io.sentinel.events.signal.ExternalAlert;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** External alerts never pass for detector rules, and never name an inventory target. On values: the rule keeps no state. */
class ExternalAlertRuleTest {

    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

    private final ExternalAlertRule rule = new ExternalAlertRule();

    @Test
    void anAlertNamedLikeADetectorRuleOpensAnIncidentOfRuleAlertColonItsName() {
        List<Finding> findings = rule.onSignal(alert("memory-usage-high", AlertStatus.FIRING), ValueContext.withoutStores(T0));

        assertThat(findings).singleElement().isInstanceOfSatisfying(Finding.Firing.class, firing -> {
            assertThat(firing.rule()).isEqualTo("alert:memory-usage-high");
            assertThat(firing.fingerprint()).isEqualTo("alert:memory-usage-high|shop|alertmanager_fingerprint=fp-1");
            assertThat(firing.observation().signal()).isEqualTo("alert:memory-usage-high");
            assertThat(firing.title()).isEqualTo("memory high on shop");
            assertThat(firing.target()).as("a target label is a label").isNull();
        });
        var incidents = InMemoryIncidents.standard();
        incidents.findings(T0, findings.toArray(Finding[]::new));
        IncidentOpened opened = incidents.published(IncidentOpened.class).getFirst();
        assertThat(opened.rule()).isEqualTo("alert:memory-usage-high").isNotEqualTo("memory-usage-high");
        assertThat(opened.target()).isNull();

        assertThat(rule.onSignal(alert("memory-usage-high", AlertStatus.RESOLVED), ValueContext.withoutStores(T0.plusSeconds(60))))
                .singleElement().satisfies(cleared -> {
                    assertThat(cleared).isInstanceOf(Finding.Cleared.class);
                    assertThat(cleared.fingerprint()).isEqualTo("alert:memory-usage-high|shop|alertmanager_fingerprint=fp-1");
                });
    }

    private static ExternalAlert alert(String name, AlertStatus status) {
        return new ExternalAlert("alertmanager", "shop", "fp-1", status,
                Map.of("alertname", name, "severity", "warning", "service", "shop", "target", "payments-prod"),
                Map.of("summary", "memory high on shop"), T0, status == AlertStatus.RESOLVED ? T0.plusSeconds(60) : null, null, T0);
    }
}
