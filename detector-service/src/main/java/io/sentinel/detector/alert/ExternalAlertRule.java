package io.sentinel.detector.alert;

import io.sentinel.detector.rule.DetectionContext;
import io.sentinel.detector.rule.DetectionRule;
import io.sentinel.detector.rule.Finding;
import io.sentinel.detector.rule.Fingerprint;
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
 * <p>
 * Their rule is {@code alert:<alertname>}, never the bare alert name: whoever can send an alert must
 * not be able to pass it off as one of the detector's own rules (an alert named
 * {@code memory-usage-high} would otherwise reach that rule's playbook). Detector rule names cannot
 * contain {@code :}, so the two never meet.
 */
@Component
public final class ExternalAlertRule implements DetectionRule {

    /** The rule of every external alert's incident: {@code alert:} and the alert's name. */
    public static final String RULE_PREFIX = "alert:";

    @Override
    public String family() {
        return "external-alert";
    }

    @Override
    public List<Finding> onSignal(SignalEvent signal, DetectionContext context) {
        if (!(signal instanceof ExternalAlert alert)) {
            return List.of();
        }
        String rule = ruleOf(alert);
        String fingerprint = Fingerprint.of(rule, alert.resource(), Map.of("alertmanager_fingerprint", alert.fingerprint()));
        String description = alert.annotations().getOrDefault("description", alert.annotations().get("summary"));
        var observation = new Observation(rule, null, null,
                description == null ? alert.alertName() + " " + alert.status().name().toLowerCase(Locale.ROOT) : description,
                alert.status() == AlertStatus.RESOLVED && alert.endsAt() != null ? alert.endsAt() : alert.startsAt());
        if (alert.status() == AlertStatus.RESOLVED) {
            return List.of(new Finding.Cleared(fingerprint, observation));
        }
        Map<String, String> labels = new HashMap<>(alert.labels());
        labels.put("source", alert.source());
        String title = alert.annotations().getOrDefault("summary", alert.alertName() + " on " + alert.resource());
        // No target: an alert is what a sender says, and a sender cannot name an inventory target.
        return List.of(new Finding.Firing(fingerprint, rule, alert.resource(), labels, severity(alert), title, observation, null));
    }

    static String ruleOf(ExternalAlert alert) {
        return RULE_PREFIX + alert.alertName();
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
