package io.sentinel.collector.ingest.heartbeats;

import io.sentinel.collector.ingest.InvalidPayload;
import io.sentinel.collector.ingest.PayloadBinding;
import io.sentinel.collector.ingest.TextLimit;
import io.sentinel.collector.ingest.constraint.Labels;
import io.sentinel.collector.ingest.constraint.ShowsValue;
import io.sentinel.events.settings.HumanDuration;
import io.sentinel.events.signal.HeartbeatReceived;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/heartbeats/{name}?every=24h&grace=15m} with optional labels as a JSON object
 * body: something that should happen regularly (a backup, a cron job) says it did. Pure.
 */
public final class HeartbeatRequests {

    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,127}");
    static final int MAX_LABELS = 32;
    private static final TextLimit LABEL = new TextLimit(1024);

    private HeartbeatRequests() {
    }

    /**
     * @param every how often it is expected: {@code 24h}, {@code 15m}, {@code PT15M} ... (as {@link HumanDuration} reads
     *              durations everywhere in Sentinel); null when not said
     * @param grace how late it may be; null when not said
     * @param body  labels as a JSON object, or nothing
     */
    public static HeartbeatReceived parse(String name, String every, String grace, byte[] body, Instant receivedAt) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw InvalidPayload.parameter("path segment", "name",
                    "must be 1 to 128 lowercase letters, digits, dots, dashes and underscores, starting with a letter or digit, was '" + name + "'");
        }
        Duration expected = duration("every", every);
        if (expected != null && (expected.isNegative() || expected.isZero())) {
            throw InvalidPayload.parameter("query parameter", "every", "must be a positive duration, was '" + every + "'");
        }
        Duration late = duration("grace", grace);
        if (late != null && late.isNegative()) {
            throw InvalidPayload.parameter("query parameter", "grace", "must not be negative, was '" + grace + "'");
        }
        return new HeartbeatReceived(name, labels(body), expected, late, receivedAt);
    }

    private static Duration duration(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return HumanDuration.parse(value);
        } catch (IllegalArgumentException e) {
            throw InvalidPayload.parameter("query parameter", parameter, "must be a duration like 15m, 24h, 7d or PT15M, was '" + value + "'");
        }
    }

    private static Map<String, String> labels(byte[] body) {
        if (new String(body, StandardCharsets.UTF_8).isBlank()) {
            return Map.of();
        }
        JsonNode root = PayloadBinding.read(body);
        if (!root.isObject()) {
            throw InvalidPayload.whole(null, "the body must be a JSON object of labels (e.g. {\"job\": \"backup\"}) or empty, was "
                    + ShowsValue.describe(root));
        }
        return Labels.Validator.text(PayloadBinding.bindProperty(root, Body.class, "labels", null), LABEL::apply);
    }

    /** The body is the labels themselves: this names their constraints. */
    private record Body(@Labels(maxEntries = MAX_LABELS) Map<String, JsonNode> labels) {
    }
}
