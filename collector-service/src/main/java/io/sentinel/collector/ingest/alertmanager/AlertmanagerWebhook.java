package io.sentinel.collector.ingest.alertmanager;

import io.sentinel.collector.ingest.PayloadBinding;
import io.sentinel.collector.ingest.PayloadTooLarge;
import io.sentinel.collector.ingest.TextLimit;
import io.sentinel.collector.ingest.constraint.Labels;
import io.sentinel.collector.ingest.constraint.Rfc3339;
import io.sentinel.events.signal.AlertStatus;
import io.sentinel.events.signal.ExternalAlert;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The body Alertmanager's {@code webhook_configs} POSTs (payload version 4), as it sends it:
 * <pre>
 * {"version": "4", "status": "firing", "receiver": "...", "groupKey": "...", "truncatedAlerts": 0,
 *  "groupLabels": {...}, "commonLabels": {...}, "commonAnnotations": {...}, "externalURL": "...",
 *  "alerts": [{"status": "firing" | "resolved", "labels": {...}, "annotations": {...},
 *              "startsAt": "...", "endsAt": "0001-01-01T00:00:00Z", "generatorURL": "...", "fingerprint": "..."}]}
 * </pre>
 * bound to {@link AlertmanagerPayload}. Each alert becomes one {@link ExternalAlert}. Pure.
 */
public final class AlertmanagerWebhook {

    public static final String SOURCE = "alertmanager";
    static final String VERSION = "4";
    /** Go's zero time: what Alertmanager sends as {@code endsAt} of an alert with no end yet. */
    static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");
    /** Labels that name what an alert is about, most specific first; else the alert's name. */
    static final List<String> RESOURCE_LABELS = List.of("service", "pod", "instance");
    static final int MAX_LABELS = 128;
    private static final TextLimit LABEL = new TextLimit(8 * 1024);

    private AlertmanagerWebhook() {
    }

    public static List<ExternalAlert> parse(byte[] body, Instant receivedAt, int maxItems) {
        JsonNode root = PayloadBinding.read(body);
        JsonNode alerts = root.path("alerts");
        if (alerts.isArray() && alerts.size() > maxItems) {
            throw new PayloadTooLarge(alerts.size() + " alerts in one request; at most " + maxItems
                    + " are accepted (sentinel.collector.ingest.max-items): set max_alerts in the webhook config");
        }
        AlertmanagerPayload payload = PayloadBinding.bind(root, AlertmanagerPayload.class, null, "");
        return payload.alerts().stream().map(alert -> alert(alert, receivedAt)).toList();
    }

    private static ExternalAlert alert(AlertmanagerPayload.Alert alert, Instant receivedAt) {
        AlertStatus status = alert.status().equals("firing") ? AlertStatus.FIRING : AlertStatus.RESOLVED;
        Map<String, String> labels = Labels.Validator.text(alert.labels(), LABEL::apply);
        Map<String, String> annotations = Labels.Validator.text(alert.annotations(), LABEL::apply);
        Instant endsAt = Rfc3339.Validator.instant(alert.endsAt());
        return new ExternalAlert(SOURCE, NamesAResource.Validator.resource(labels).orElseThrow(), alert.fingerprint(), status, labels,
                annotations, Rfc3339.Validator.instant(alert.startsAt()), GO_ZERO_TIME.equals(endsAt) ? null : endsAt,
                alert.generatorURL(), receivedAt);
    }
}
