package io.sentinel.events;

/** CloudEvents 1.0 Kafka protocol binding, binary content mode: attribute names as record headers. */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";
    /** W3C Trace Context, carried next to the CloudEvents attributes (distributed tracing extension). */
    public static final String TRACE_PARENT = "traceparent";

    public static final String SPEC_VERSION_VALUE = "1.0";
    public static final String JSON = "application/json";

    private CloudEventHeaders() {
    }
}
