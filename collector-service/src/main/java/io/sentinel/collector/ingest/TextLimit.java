package io.sentinel.collector.ingest;

import java.nio.charset.StandardCharsets;

/**
 * Cuts text that is longer than a budget of UTF-8 bytes, at a character boundary, and says so at
 * the end: a 2 MB stack trace must neither exceed what one Kafka record carries nor be dropped.
 */
public record TextLimit(int maxBytes) {

    static final String MARKER = " …[truncated]";
    private static final int MARKER_BYTES = MARKER.getBytes(StandardCharsets.UTF_8).length;

    public TextLimit {
        if (maxBytes <= MARKER_BYTES) {
            throw new IllegalArgumentException("a text limit must leave room for the truncation marker, was " + maxBytes);
        }
    }

    /** The text itself when it fits, else its longest head that fits with the marker. Null stays null. */
    public String apply(String text) {
        if (text == null || text.length() * 3L <= maxBytes || utf8Length(text) <= maxBytes) {
            return text;
        }
        int budget = maxBytes - MARKER_BYTES;
        int bytes = 0;
        int end = 0;
        while (end < text.length()) {
            int codePoint = text.codePointAt(end);
            int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (bytes + size > budget) {
                break;
            }
            bytes += size;
            end += Character.charCount(codePoint);
        }
        return text.substring(0, end) + MARKER;
    }

    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            bytes += codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            i += Character.charCount(codePoint);
        }
        return bytes;
    }
}
