package io.sentinel.collector.ingest.alertmanager;

import io.sentinel.collector.ingest.constraint.Labels;
import io.sentinel.collector.ingest.constraint.Rfc3339;
import io.sentinel.collector.ingest.constraint.ShowsValue;
import io.sentinel.collector.ingest.constraint.Text;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The body Alertmanager's {@code webhook_configs} POSTs, payload version 4, as far as Sentinel reads
 * it; {@code status}, {@code receiver}, {@code groupKey} and the common labels repeat what each alert
 * says and are not read.
 */
record AlertmanagerPayload(
        @NotNull(message = "is required: this endpoint takes Alertmanager's webhook payload, version \"4\"") @Text
        @Pattern(regexp = AlertmanagerWebhook.VERSION, message = "must be \"4\" (Alertmanager's webhook payload version), was \"${validatedValue}\"")
        String version,
        @NotNull(message = "is required")
        List<@NotNull(message = "must be a JSON object", payload = ShowsValue.class) @Valid Alert> alerts) {

    /**
     * One alert of a notification.
     *
     * @param labels which alert, about what: one of {@link AlertmanagerWebhook#RESOURCE_LABELS} or
     *               {@code alertname} names its resource
     * @param endsAt Go's zero time while the alert has no end
     */
    record Alert(@NotNull(message = "is required") @Text
                 @Pattern(regexp = "firing|resolved", message = "must be firing or resolved", payload = ShowsValue.class) String status,
                 @Labels(maxEntries = AlertmanagerWebhook.MAX_LABELS) @NamesAResource Map<String, JsonNode> labels,
                 @Labels(maxEntries = AlertmanagerWebhook.MAX_LABELS) Map<String, JsonNode> annotations,
                 @NotNull(message = "is required") @Text @Rfc3339 String startsAt,
                 @Text @Rfc3339 String endsAt,
                 @Text String generatorURL,
                 @NotNull(message = "is required") @Text String fingerprint) {
    }
}
