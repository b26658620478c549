package io.sentinel.executor.template;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Encodes values for their place in a URL, so that no value can end a segment, start a query or name a fragment. */
public final class PercentEncoding {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PercentEncoding() {
    }

    /**
     * For a path segment: every byte of the UTF-8 form outside the unreserved characters
     * ({@code A-Z a-z 0-9 - . _ ~}) is percent-encoded, so {@code / ? # @ % : ;}, spaces and line
     * breaks arrive as data.
     */
    public static String pathSegment(String value) {
        StringBuilder encoded = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (unreserved(c)) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return encoded.toString();
    }

    /** For a query (or fragment) name or value: {@code application/x-www-form-urlencoded} encoding of UTF-8. */
    public static String formComponent(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static boolean unreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
