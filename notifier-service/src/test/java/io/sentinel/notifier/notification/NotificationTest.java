package io.sentinel.notifier.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.events.analysis.ProposedAction;
import io.sentinel.events.analysis.Risk;
import io.sentinel.events.approval.Role;
import io.sentinel.events.decision.ApprovalRequested;
import io.sentinel.events.incident.IncidentEscalated;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.incident.IncidentResolved;
import io.sentinel.events.incident.Observation;
import io.sentinel.events.incident.Resolution;
import io.sentinel.events.incident.Severity;
import io.sentinel.notifier.incident.IncidentSummary;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class NotificationTest {

    private static final Instant T0 = Instant.parse("2026-11-23T14:05:35.860Z");
    private static final IncidentOpened OPENED = new IncidentOpened("inc-1", "signal-1", "fp", "memory-usage-high",
            "Memory usage above 60% on shop", Severity.WARNING, "shop", Map.of("environment", "production", "instance", "shop-1"),
            new Observation("memory_usage_ratio", 0.7, 0.6, null, T0), T0, null);
    private static final Optional<IncidentSummary> KNOWN = Optional.of(IncidentSummary.of(OPENED));

    @Test
    void anOpenedIncidentIsDescribedByItsOwnEvent() {
        assertThat(Notification.incidentOpened(OPENED).payload()).containsExactlyEntriesOf(ordered(
                "kind", "incident.opened", "incidentId", "inc-1", "title", "Memory usage above 60% on shop", "severity", "WARNING",
                "resource", "shop", "environment", "production", "occurredAt", "2026-11-23T14:05:35.860Z"));
    }

    @Test
    void anApprovalRequestNamesThePlaybookAndTheIncident() {
        var request = new ApprovalRequested("inc-1", "analysis-1", "approval-7", new ProposedAction("restart-pods", Map.of()), Risk.HIGH,
                Role.ADMIN, T0.plusSeconds(14_400), "prod-high-risk", "memory leak in the cart cache", "shop", "production", null);

        Notification notification = Notification.approvalRequested(request, KNOWN, T0.plusSeconds(5));

        assertThat(notification.kind()).isEqualTo(NotificationKind.APPROVAL_REQUESTED);
        assertThat(notification.payload()).containsExactlyEntriesOf(ordered(
                "kind", "approval.requested", "incidentId", "inc-1", "title", "Memory usage above 60% on shop", "severity", "WARNING",
                "resource", "shop", "environment", "production", "occurredAt", "2026-11-23T14:05:40.860Z",
                "approvalId", "approval-7", "playbook", "restart-pods", "risk", "HIGH", "requiredRole", "ADMIN",
                "expiresAt", "2026-11-23T18:05:35.860Z", "rationale", "memory leak in the cart cache"));
    }

    @Test
    void anIncidentTheNotifierNeverSawOpenKeepsItsKeysWithNullValues() {
        var resolved = new IncidentResolved("inc-unknown", "exec-1", Resolution.REMEDIATED, "verified: condition cleared", T0);

        Map<String, Object> payload = Notification.incidentResolved(resolved, Optional.empty()).payload();

        assertThat(payload).containsEntry("title", null).containsEntry("severity", null).containsEntry("resource", null)
                .containsEntry("resolution", "REMEDIATED").containsEntry("summary", "verified: condition cleared");
        assertThat(JsonMapper.shared().writeValueAsString(payload)).contains("\"title\":null");
    }

    @Test
    void anEscalationSaysWhy() {
        var escalated = new IncidentEscalated("inc-1", "exec-1", "remediation did not fix the incident and was rolled back", T0);

        assertThat(Notification.incidentEscalated(escalated, KNOWN).payload())
                .containsEntry("kind", "incident.escalated")
                .containsEntry("title", "Memory usage above 60% on shop")
                .containsEntry("reason", "remediation did not fix the incident and was rolled back");
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
