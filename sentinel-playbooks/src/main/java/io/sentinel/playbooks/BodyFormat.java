package io.sentinel.playbooks;

import java.util.Locale;

/**
 * How values are encoded into a step's body, decided by the step's own {@code Content-Type}: a value
 * can only be encoded for a format the executor knows.
 */
public enum BodyFormat {
    /** No body. */
    NONE,
    /** A body without variables, sent as written. */
    LITERAL,
    /** Exactly {@code {{snapshot.body}}}: a rollback restoring what the snapshot read, sent as it was read. */
    SNAPSHOT,
    /** {@code application/json} or {@code +json}: values JSON-encoded for their place. */
    JSON,
    /** {@code application/x-www-form-urlencoded}: values form-encoded. */
    FORM,
    /** Variables in a body whose content type the executor cannot encode for. */
    UNSUPPORTED;

    public static final String SNAPSHOT_BODY = "snapshot.body";

    public static BodyFormat of(HttpRequestSpec request) {
        if (request.body() == null) {
            return NONE;
        }
        Template body = Template.parse(request.body());
        if (!body.hasVariables()) {
            return LITERAL;
        }
        if (body.isOnly(SNAPSHOT_BODY)) {
            return SNAPSHOT;
        }
        String contentType = request.header("Content-Type");
        if (contentType == null || contentType.contains("{{")) {
            return UNSUPPORTED;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (mediaType.equals("application/json") || mediaType.endsWith("+json")) {
            return JSON;
        }
        return mediaType.equals("application/x-www-form-urlencoded") ? FORM : UNSUPPORTED;
    }
}
