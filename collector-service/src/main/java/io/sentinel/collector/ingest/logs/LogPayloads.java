package io.sentinel.collector.ingest.logs;

import io.sentinel.collector.ingest.EventChunks;
import io.sentinel.collector.ingest.InvalidPayload;
import io.sentinel.collector.ingest.PayloadBinding;
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
 * Log lines and error reports as clients send them, one JSON object each ({@link LogLine}),
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
                JsonNode node = PayloadBinding.read(body, start, length, line);
                entries.add(entry(PayloadBinding.bind(node, LogLine.class, line, ""), receivedAt));
            }
            start = end + 1;
        }
        return batches(entries, receivedAt, entrySize);
    }

    /** A JSON array of entries, or a single entry. */
    public static List<LogBatch> fromJson(byte[] body, Instant receivedAt, int maxItems, ToIntFunction<LogEntry> entrySize) {
        JsonNode root = PayloadBinding.read(body);
        List<Parsed> entries = new ArrayList<>();
        if (root.isArray()) {
            if (root.size() > maxItems) {
                throw new PayloadTooLarge(root.size() + " log entries in one request; at most " + maxItems
                        + " are accepted (sentinel.collector.ingest.max-items): split it");
            }
            for (int i = 0; i < root.size(); i++) {
                entries.add(entry(PayloadBinding.bind(root.get(i), LogLine.class, null, "[" + i + "]"), receivedAt));
            }
        } else {
            entries.add(entry(PayloadBinding.bind(root, LogLine.class, null, ""), receivedAt));
        }
        return batches(entries, receivedAt, entrySize);
    }

    private static Parsed entry(LogLine line, Instant receivedAt) {
        return new Parsed(line.service(), line.entry(receivedAt));
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
