package io.sentinel.events;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A W3C Trace Context {@code traceparent}. Carried on every record so that one incident is one trace
 * from detection to verification, whichever services and threads it crosses.
 */
public record TraceParent(String traceId, String spanId, boolean sampled) {

    private static final Pattern FORMAT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
    private static final String INVALID_TRACE = "0".repeat(32);
    private static final String INVALID_SPAN = "0".repeat(16);
    private static final SecureRandom RANDOM = new SecureRandom();

    public TraceParent {
        if (traceId == null || traceId.length() != 32 || traceId.equals(INVALID_TRACE)) {
            throw new IllegalArgumentException("trace id must be 32 lowercase hex digits, not all zero");
        }
        if (spanId == null || spanId.length() != 16 || spanId.equals(INVALID_SPAN)) {
            throw new IllegalArgumentException("span id must be 16 lowercase hex digits, not all zero");
        }
    }

    /** Starts a new trace. */
    public static TraceParent root() {
        return new TraceParent(randomHex(16), randomHex(8), true);
    }

    /** Parses a header value; anything malformed is treated as absent, as the W3C spec requires. */
    public static Optional<TraceParent> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        var matcher = FORMAT.matcher(header.trim());
        if (!matcher.matches() || matcher.group(1).equals(INVALID_TRACE) || matcher.group(2).equals(INVALID_SPAN)) {
            return Optional.empty();
        }
        boolean sampled = (Integer.parseInt(matcher.group(3), 16) & 1) == 1;
        return Optional.of(new TraceParent(matcher.group(1), matcher.group(2), sampled));
    }

    /** The same trace, a new span: what a stage uses for the events it publishes in reaction. */
    public TraceParent child() {
        return new TraceParent(traceId, randomHex(8), sampled);
    }

    public String header() {
        return "00-" + traceId + '-' + spanId + (sampled ? "-01" : "-00");
    }

    @Override
    public String toString() {
        return header();
    }

    private static String randomHex(int bytes) {
        byte[] buffer = new byte[bytes];
        do {
            RANDOM.nextBytes(buffer);
        } while (allZero(buffer));
        return HexFormat.of().formatHex(buffer);
    }

    private static boolean allZero(byte[] buffer) {
        for (byte b : buffer) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
