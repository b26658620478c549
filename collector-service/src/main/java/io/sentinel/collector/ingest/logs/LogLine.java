package io.sentinel.collector.ingest.logs;

import io.sentinel.collector.ingest.constraint.Labels;
import io.sentinel.collector.ingest.constraint.OneOf;
import io.sentinel.collector.ingest.constraint.Rfc3339;
import io.sentinel.collector.ingest.constraint.Text;
import io.sentinel.events.signal.LogEntry;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One log entry as a client sends it, a line of NDJSON or an element of a JSON array:
 * <pre>
 * {"service": "checkout", "level": "error", "message": "payment failed", "stackTrace": "...",
 *  "timestamp": "2026-11-23T14:05:35.86Z", "attributes": {"orderId": "A-17"}}
 * </pre>
 */
record LogLine(@NotNull(message = "is required") @Text
               @Size(max = LogPayloads.MAX_SERVICE_LENGTH, message = SERVICE)
               @Pattern(regexp = "[^\\x00-\\x1F\\x7F-\\x9F]*", message = SERVICE) String service,
               @NotNull(message = "is required") @Text
               @OneOf(value = {"TRACE", "DEBUG", "INFO", "WARN", "WARNING", "ERROR", "FATAL", "CRITICAL"},
                       message = "must be one of " + LogLevel.ACCEPTED) String level,
               @NotNull(message = "is required") @Text String message,
               @Text String stackTrace,
               @Text @Rfc3339 String timestamp,
               @Labels(maxEntries = LogPayloads.MAX_ATTRIBUTES) Map<String, JsonNode> attributes) {

    static final String SERVICE = "must be at most " + LogPayloads.MAX_SERVICE_LENGTH + " characters without control characters";

    /** For a line that passed its constraints; long text is cut to what one Kafka record carries. */
    LogEntry entry(Instant receivedAt) {
        Instant at = timestamp == null ? receivedAt : Rfc3339.Validator.instant(timestamp);
        return new LogEntry(LogLevel.normalize(level).orElseThrow(), LogPayloads.MESSAGE.apply(message),
                LogPayloads.STACK_TRACE.apply(stackTrace), at, Labels.Validator.text(attributes, LogPayloads.ATTRIBUTE::apply));
    }
}
