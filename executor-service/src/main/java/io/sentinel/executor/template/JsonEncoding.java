package io.sentinel.executor.template;

import java.util.Set;
import java.util.regex.Pattern;

/** Encodes values for their place in a JSON body. */
public final class JsonEncoding {

    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]{0,63})(\\.[0-9]{1,64})?([eE][+-]?[0-9]{1,4})?");
    private static final Set<String> LITERALS = Set.of("true", "false", "null");

    private JsonEncoding() {
    }

    /**
     * For inside a JSON string literal (without the quotes): quotes, backslashes and control
     * characters escaped, and everything outside ASCII as {@code \\uXXXX}, so the result is valid
     * in any encoding and cannot end the string.
     */
    public static String inString(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> escaped.append("\\\"");
                case '\\' -> escaped.append("\\\\");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                case '\b' -> escaped.append("\\b");
                case '\f' -> escaped.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7E) {
                        escaped.append(String.format("\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }

    /** Whether the value may stand outside a string: a JSON number, {@code true}, {@code false} or {@code null}. */
    public static boolean isScalar(String value) {
        return LITERALS.contains(value) || NUMBER.matcher(value).matches();
    }
}
