package io.sentinel.collector.ingest.alertmanager;

import io.sentinel.collector.ingest.PayloadJson;
import io.sentinel.collector.ingest.PayloadObject;
import io.sentinel.collector.ingest.PayloadTooLarge;
import io.sentinel.collector.ingest.TextLimit;
import io.sentinel.events.signal.AlertStatus;
import io.sentinel.events.signal.ExternalAlert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The body Alertmanager's {@code webhook_configs} POSTs (payload version 4), as it sends it:
 * <pre>
 * {"version": "4", "status": "firing", "receiver": "...", "groupKey": "...", "truncatedAlerts": 0,
 *  "groupLabels": {...}, "commonLabels": {...}, "commonAnnotations": {...}, "externalURL": "...",
 *  "alerts": [{"status": "firing" | "resolved", "labels": {...}, "annotations": {...},
 *              "startsAt": "...", "endsAt": "0001-01-01T00:00:00Z", "generatorURL": "...", "fingerprint": "..."}]}
 * </pre>
 * Each alert becomes one {@link ExternalAlert}. Pure.
 */
public final class AlertmanagerWebhook {

    public static final String SOURCE = "alertmanager";
    static final String VERSION = "4";
    /** Go's zero time: what Alertmanager sends as {@code endsAt} of an alert with no end yet. */
    static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");
    /** Labels that name what an alert is about, most specific first; else the alert's name. */
    static final List<String> RESOURCE_LABELS = List.of("service", "pod", "instance");
    private static final int MAX_LABELS = 128;
    private static final TextLimit LABEL = new TextLimit(8 * 1024);

    private AlertmanagerWebhook() {
    }

    public static List<ExternalAlert> parse(byte[] body, Instant receivedAt, int maxItems) {
        PayloadObject payload = PayloadObject.of(PayloadJson.read(body), null, "");
        String version = payload.text("version").orElseThrow(() -> payload.invalid("version",
                "is required: this endpoint takes Alertmanager's webhook payload, version \"4\""));
        if (!version.equals(VERSION)) {
            throw payload.invalid("version", "must be \"4\" (Alertmanager's webhook payload version), was \"" + version + "\"");
        }
        if (!payload.has("alerts")) {
            throw payload.invalid("alerts", "is required");
        }
        List<PayloadObject> alerts = payload.objects("alerts");
        if (alerts.size() > maxItems) {
            throw new PayloadTooLarge(alerts.size() + " alerts in one request; at most " + maxItems
                    + " are accepted (sentinel.collector.ingest.max-items): set max_alerts in the webhook config");
        }
        List<ExternalAlert> events = new ArrayList<>(alerts.size());
        for (PayloadObject alert : alerts) {
            events.add(alert(alert, receivedAt));
        }
        return events;
    }

    private static ExternalAlert alert(PayloadObject alert, Instant receivedAt) {
        String status = alert.requiredText("status");
        AlertStatus alertStatus = switch (status) {
            case "firing" -> AlertStatus.FIRING;
            case "resolved" -> AlertStatus.RESOLVED;
            default -> throw alert.invalid("status", "must be firing or resolved, was '" + status + "'");
        };
        Map<String, String> labels = alert.strings("labels", MAX_LABELS, LABEL);
        Map<String, String> annotations = alert.strings("annotations", MAX_LABELS, LABEL);
        String fingerprint = alert.requiredText("fingerprint");
        Instant startsAt = alert.instant("startsAt").orElseThrow(() -> alert.invalid("startsAt", "is required"));
        Instant endsAt = alert.instant("endsAt").filter(end -> !end.equals(GO_ZERO_TIME)).orElse(null);
        return new ExternalAlert(SOURCE, resource(alert, labels), fingerprint, alertStatus, labels, annotations, startsAt, endsAt,
                alert.text("generatorURL").orElse(null), receivedAt);
    }

    private static String resource(PayloadObject alert, Map<String, String> labels) {
        for (String label : RESOURCE_LABELS) {
            String value = labels.get(label);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        String name = labels.get("alertname");
        if (name == null || name.isBlank()) {
            throw alert.invalid("labels", "must include one of service, pod, instance or alertname to name the alert's resource");
        }
        return name;
    }
}
