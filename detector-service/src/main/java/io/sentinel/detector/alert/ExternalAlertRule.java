package io.sentinel.detector.alert;

import io.sentinel.detector.incident.Fingerprint;
import io.sentinel.detector.rule.DetectionContext;
import io.sentinel.detector.rule.DetectionRule;
import io.sentinel.detector.rule.Finding;
import io.sentinel.events.incident.Observation;
import io.sentinel.events.incident.Severity;
import io.sentinel.events.signal.AlertStatus;
import io.sentinel.events.signal.ExternalAlert;
import io.sentinel.events.signal.SignalEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Alerts from Alertmanager become incidents as they are: the sender already applied its own
 * "for:", so a firing alert fires at once and a resolved one clears. Alertmanager re-sends firing
 * alerts on every group interval; each repeat is counted on the one open incident.
 */
@Component
public final class ExternalAlertRule implements DetectionRule {

    @Override
    public String family() {
        return "external-alert";
    }

    @Override
    public List<Finding> onSignal(SignalEvent signal, DetectionContext context) {
        if (!(signal instanceof ExternalAlert alert)) {
            return List.of();
        }
        String fingerprint = Fingerprint.of(alert.alertName(), alert.resource(), Map.of("alertmanager_fingerprint", alert.fingerprint()));
        String description = alert.annotations().getOrDefault("description", alert.annotations().get("summary"));
        var observation = new Observation("alert:" + alert.alertName(), null, null,
                description == null ? alert.alertName() + " " + alert.status().name().toLowerCase(Locale.ROOT) : description,
                alert.status() == AlertStatus.RESOLVED && alert.endsAt() != null ? alert.endsAt() : alert.startsAt());
        if (alert.status() == AlertStatus.RESOLVED) {
            return List.of(new Finding.Cleared(fingerprint, observation));
        }
        Map<String, String> labels = new HashMap<>(alert.labels());
        labels.put("source", alert.source());
        String title = alert.annotations().getOrDefault("summary", alert.alertName() + " on " + alert.resource());
        return List.of(new Finding.Firing(fingerprint, alert.alertName(), alert.resource(), labels, severity(alert), title, observation));
    }

    /** Alertmanager's conventional severity label; anything unknown is a warning. */
    static Severity severity(ExternalAlert alert) {
        return switch (alert.labels().getOrDefault("severity", "").toLowerCase(Locale.ROOT)) {
            case "critical", "page", "error" -> Severity.CRITICAL;
            case "info", "none" -> Severity.INFO;
            default -> Severity.WARNING;
        };
    }
}
