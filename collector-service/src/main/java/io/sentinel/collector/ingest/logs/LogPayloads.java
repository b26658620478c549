package io.sentinel.collector.ingest.logs;

import io.sentinel.collector.ingest.EventChunks;
import io.sentinel.collector.ingest.InvalidPayload;
import io.sentinel.collector.ingest.PayloadJson;
import io.sentinel.collector.ingest.PayloadObject;
import io.sentinel.collector.ingest.PayloadTooLarge;
import io.sentinel.collector.ingest.TextLimit;
import io.sentinel.events.signal.LogBatch;
import io.sentinel.events.signal.LogEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import tools.jackson.databind.JsonNode;

/**
 * Log lines and error reports as clients send them, one JSON object each:
 * <pre>
 * {"service": "checkout", "level": "error", "message": "payment failed", "stackTrace": "...",
 *  "timestamp": "2026-11-23T14:05:35.86Z", "attributes": {"orderId": "A-17"}}
 * </pre>
 * as NDJSON (one object per line) or as a JSON array. Every entry is checked before any is
 * accepted; the entries of each service become {@link LogBatch}es (source {@code ingest}), as few as
 * fit Kafka's record size. Pure.
 */
public final class LogPayloads {

    public static final String SOURCE = "ingest";
    /** Longer messages and stack traces are cut (and marked so); each entry must fit one Kafka record. */
    static final TextLimit MESSAGE = new TextLimit(16 * 1024);
    static final TextLimit STACK_TRACE = new TextLimit(64 * 1024);
    static final TextLimit ATTRIBUTE = new TextLimit(1024);
    static final int MAX_ATTRIBUTES = 64;
    static final int MAX_SERVICE_LENGTH = 253;

    private LogPayloads() {
    }

    /**
     * @param receivedAt the time of entries that carry no timestamp
     * @param entrySize  an entry's size as it will be encoded, to split batches
     */
    public static List<LogBatch> fromNdjson(byte[] body, Instant receivedAt, int maxItems, ToIntFunction<LogEntry> entrySize) {
        List<Parsed> entries = new ArrayList<>();
        int line = 0;
        int start = 0;
        while (start < body.length) {
            int end = start;
            while (end < body.length && body[end] != '\n') {
                end++;
            }
            line++;
            int length = end - start;
            if (length > 0 && body[end - 1] == '\r') {
                length--;
            }
            if (!blank(body, start, length)) {
                if (entries.size() == maxItems) {
                    throw new PayloadTooLarge("more than " + maxItems + " log entries in one request (sentinel.collector.ingest.max-items); split it");
                }
                JsonNode node = PayloadJson.read(body, start, length, line);
                entries.add(entry(PayloadObject.of(node, line, ""), receivedAt));
            }
            start = end + 1;
        }
        return batches(entries, receivedAt, entrySize);
    }

    /** A JSON array of entries, or a single entry. */
    public static List<LogBatch> fromJson(byte[] body, Instant receivedAt, int maxItems, ToIntFunction<LogEntry> entrySize) {
        JsonNode root = PayloadJson.read(body);
        List<Parsed> entries = new ArrayList<>();
        if (root.isArray()) {
            if (root.size() > maxItems) {
                throw new PayloadTooLarge(root.size() + " log entries in one request; at most " + maxItems
                        + " are accepted (sentinel.collector.ingest.max-items): split it");
            }
            for (int i = 0; i < root.size(); i++) {
                entries.add(entry(PayloadObject.of(root.get(i), null, "[" + i + "]"), receivedAt));
            }
        } else {
            entries.add(entry(PayloadObject.of(root, null, ""), receivedAt));
        }
        return batches(entries, receivedAt, entrySize);
    }

    private static Parsed entry(PayloadObject object, Instant receivedAt) {
        String service = object.requiredText("service");
        if (service.length() > MAX_SERVICE_LENGTH || service.chars().anyMatch(Character::isISOControl)) {
            throw object.invalid("service", "must be at most " + MAX_SERVICE_LENGTH + " characters without control characters");
        }
        String given = object.requiredText("level");
        String level = LogLevel.normalize(given)
                .orElseThrow(() -> object.invalid("level", "must be one of " + LogLevel.ACCEPTED + ", was '" + given + "'"));
        String message = MESSAGE.apply(object.requiredText("message"));
        String stackTrace = STACK_TRACE.apply(object.text("stackTrace").orElse(null));
        Instant at = object.instant("timestamp").orElse(receivedAt);
        Map<String, String> attributes = object.strings("attributes", MAX_ATTRIBUTES, ATTRIBUTE);
        return new Parsed(service, new LogEntry(level, message, stackTrace, at, attributes));
    }

    private static List<LogBatch> batches(List<Parsed> entries, Instant receivedAt, ToIntFunction<LogEntry> entrySize) {
        if (entries.isEmpty()) {
            throw InvalidPayload.whole(null, "no log entries: send one JSON object per line (application/x-ndjson) or a JSON array");
        }
        Map<String, List<LogEntry>> byService = new LinkedHashMap<>();
        entries.forEach(parsed -> byService.computeIfAbsent(parsed.service(), service -> new ArrayList<>()).add(parsed.entry()));
        List<LogBatch> batches = new ArrayList<>();
        byService.forEach((service, serviceEntries) -> {
            for (List<LogEntry> chunk : EventChunks.split(serviceEntries, entrySize, entry -> "a log entry of service '" + service + "'")) {
                batches.add(new LogBatch(SOURCE, service, Map.of(), chunk, receivedAt));
            }
        });
        return batches;
    }

    private static boolean blank(byte[] body, int start, int length) {
        for (int i = start; i < start + length; i++) {
            if (body[i] != ' ' && body[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    private record Parsed(String service, LogEntry entry) {
    }
}
