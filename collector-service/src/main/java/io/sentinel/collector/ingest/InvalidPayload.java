package io.sentinel.collector.ingest;

/**
 * A request that cannot be ingested as sent, and exactly where and why: the client can fix it from
 * the message alone. Nothing of such a request is published.
 */
public final class InvalidPayload extends RuntimeException {

    private final Integer line;
    private final String field;

    private InvalidPayload(Integer line, String field, String detail) {
        super(detail, null, false, false);
        this.line = line;
        this.field = field;
    }

    /** @param line the NDJSON line (from 1), or null; @param problem e.g. "is required", "must be a number, was 'x'" */
    public static InvalidPayload field(Integer line, String field, String problem) {
        return new InvalidPayload(line, field, prefix(line) + "field '" + field + "' " + problem);
    }

    /** Something wrong with the request or a line as a whole, not one field of it. */
    public static InvalidPayload whole(Integer line, String problem) {
        return new InvalidPayload(line, null, prefix(line) + problem);
    }

    /** A request parameter or path segment, named as the client sent it. */
    public static InvalidPayload parameter(String kind, String name, String problem) {
        return new InvalidPayload(null, name, kind + " '" + name + "' " + problem);
    }

    /** @return the NDJSON line (from 1), or null when the problem is not on a line */
    public Integer line() {
        return line;
    }

    /** @return the field's path, e.g. {@code observations[2].usage.input}, or null */
    public String fieldPath() {
        return field;
    }

    private static String prefix(Integer line) {
        return line == null ? "" : "line " + line + ": ";
    }
}
