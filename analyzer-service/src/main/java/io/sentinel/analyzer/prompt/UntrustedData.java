package io.sentinel.analyzer.prompt;

import io.sentinel.analyzer.context.LogLine;
import io.sentinel.analyzer.context.TraceSummary;
import io.sentinel.analyzer.history.PastIncident;
import io.sentinel.analyzer.redaction.Redactor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * What both prompts (an incident's analysis and an answer to a question) carry of the monitored
 * world: text Sentinel does not control, redacted before it is encoded and fenced between markers
 * that the text itself cannot contain. One rendering, so that a secret or an injection is handled
 * the same way whichever prompt it would reach.
 */
public final class UntrustedData {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private UntrustedData() {
    }

    /** The data as a fenced section: {@code BEGIN UNTRUSTED DATA <digest>} … {@code END UNTRUSTED DATA <digest>}. */
    public static String section(Map<String, Object> data) {
        String document = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(data);
        String marker = digest(document);
        return "BEGIN UNTRUSTED DATA " + marker + "\n" + document + "\nEND UNTRUSTED DATA " + marker;
    }

    public static Map<String, Object> log(LogLine line, Redactor redactor) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("at", line.at().toString());
        entry.put("level", line.level());
        entry.put("message", redactor.redact(line.message()));
        putText(entry, "stackTrace", line.stackTrace(), redactor);
        return entry;
    }

    public static Map<String, Object> trace(TraceSummary trace, Redactor redactor) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("traceId", trace.traceId());
        entry.put("name", trace.name());
        entry.put("at", trace.at().toString());
        entry.put("generations", trace.generations());
        entry.put("toolCalls", trace.toolCalls());
        entry.put("failedSteps", trace.failedSteps());
        entry.put("costUsd", trace.costUsd());
        entry.put("tokens", trace.tokens());
        entry.put("scores", trace.scores());
        putText(entry, "problem", trace.problem(), redactor);
        return entry;
    }

    public static Map<String, Object> past(PastIncident past, Redactor redactor) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("incidentId", past.incidentId());
        entry.put("rule", past.rule());
        entry.put("resource", past.resource());
        entry.put("title", redactor.redact(past.title()));
        entry.put("openedAt", past.openedAt().toString());
        putText(entry, "rootCause", past.rootCause(), redactor);
        putIfPresent(entry, "remediation", past.remediation());
        putIfPresent(entry, "outcome", past.outcome());
        entry.put("similarity", Math.round(past.similarity() * 100) / 100.0);
        return entry;
    }

    /** Redacted, and left out when absent. */
    public static void putText(Map<String, Object> entry, String key, String text, Redactor redactor) {
        if (text != null) {
            entry.put(key, redactor.redact(text));
        }
    }

    public static void putIfPresent(Map<String, Object> entry, String key, Object value) {
        if (value != null) {
            entry.put(key, value);
        }
    }

    /** The first 16 hex digits of the document's SHA-256: text inside the document cannot contain its own digest. */
    static String digest(String document) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(document.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
