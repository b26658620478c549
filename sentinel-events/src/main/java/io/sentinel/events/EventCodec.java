package io.sentinel.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.NamedType;

/**
 * The wire form of Sentinel events: the event as JSON with a {@code type} discriminator, its
 * envelope as CloudEvents binary-mode headers. Decoding never lets a malformed record through:
 * whatever is wrong comes back as an {@link EventContractViolation} that says what.
 */
public final class EventCodec {

    private final JsonMapper mapper;

    public EventCodec() {
        var builder = JsonMapper.builder()
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                // Absent optional fields stay absent on the wire rather than appearing as null.
                .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
                .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                // Producers may add optional fields before every consumer knows them.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_MISSING_EXTERNAL_TYPE_ID_PROPERTY);
        for (Class<? extends SentinelEvent> type : EventTypes.all()) {
            builder.registerSubtypes(new NamedType(type, EventTypes.name(type)));
        }
        this.mapper = builder.build();
    }

    public byte[] encode(SentinelEvent event) {
        return mapper.writeValueAsBytes(event);
    }

    /** Reads an event of the given family; anything else, or anything malformed, is a violation. */
    public <E extends SentinelEvent> E decode(byte[] json, Class<E> family) {
        if (json == null || json.length == 0) {
            throw new EventContractViolation("empty record value: expected a " + family.getSimpleName() + " as JSON");
        }
        try {
            E event = mapper.readValue(json, family);
            if (event == null) {
                throw new EventContractViolation("record value is JSON null: expected a " + family.getSimpleName());
            }
            return event;
        } catch (InvalidTypeIdException e) {
            String typeId = e.getTypeId();
            throw new EventContractViolation(typeId == null
                    ? "missing 'type' discriminator for a " + family.getSimpleName()
                    : "unknown event type '" + typeId + "' on a " + family.getSimpleName() + " topic", e);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new EventContractViolation(e.getType().getRawClass().getSimpleName() + " is invalid: " + cause.getMessage(), e);
        } catch (JacksonException e) {
            throw new EventContractViolation("unreadable " + family.getSimpleName() + fieldPath(e) + ": " + e.getOriginalMessage(), e);
        }
    }

    /** The binary-mode headers for an envelope, in a stable order. */
    public Map<String, String> headers(EventEnvelope<?> envelope) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        headers.put(CloudEventHeaders.ID, envelope.id());
        headers.put(CloudEventHeaders.SOURCE, envelope.source());
        headers.put(CloudEventHeaders.TYPE, envelope.type());
        headers.put(CloudEventHeaders.TIME, envelope.time().toString());
        if (envelope.subject() != null) {
            headers.put(CloudEventHeaders.SUBJECT, envelope.subject());
        }
        headers.put(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        headers.put(CloudEventHeaders.TRACE_PARENT, envelope.traceParent().header());
        return headers;
    }

    /**
     * Reads a record from {@code topic}: its headers (looked up by name) and its JSON value. A record
     * without a trace context starts a new trace rather than being rejected; a record whose headers
     * are missing or contradict its value is rejected.
     */
    public <E extends SentinelEvent> EventEnvelope<E> read(Topic topic, Class<E> family, Function<String, String> header, byte[] value) {
        if (!family.equals(topic.family())) {
            throw new IllegalArgumentException(family.getSimpleName() + " is not the family of " + topic.topicName());
        }
        String specVersion = header.apply(CloudEventHeaders.SPEC_VERSION);
        if (specVersion != null && !CloudEventHeaders.SPEC_VERSION_VALUE.equals(specVersion)) {
            throw new EventContractViolation("unsupported CloudEvents spec version '" + specVersion + "'");
        }
        String id = requiredHeader(header, CloudEventHeaders.ID);
        String source = requiredHeader(header, CloudEventHeaders.SOURCE);
        String type = requiredHeader(header, CloudEventHeaders.TYPE);
        Instant time = parseTime(requiredHeader(header, CloudEventHeaders.TIME));
        E event = decode(value, family);
        String expectedType = EventTypes.cloudEventType(event.getClass());
        if (!expectedType.equals(type)) {
            throw new EventContractViolation("header ce_type '" + type + "' contradicts the payload's type " + expectedType);
        }
        TraceParent trace = TraceParent.parse(header.apply(CloudEventHeaders.TRACE_PARENT)).orElseGet(TraceParent::root);
        return new EventEnvelope<>(id, source, time, trace, event);
    }

    /** The mapper behind this codec, for tests and tools that need the same JSON settings. */
    public JsonMapper mapper() {
        return mapper;
    }

    private static String fieldPath(JacksonException e) {
        String path = e.getPath().stream()
                .map(reference -> reference.getPropertyName() != null ? reference.getPropertyName() : "[" + reference.getIndex() + "]")
                .collect(java.util.stream.Collectors.joining("."));
        return path.isEmpty() ? "" : " at field '" + path + "'";
    }

    private static String requiredHeader(Function<String, String> header, String name) {
        String value = header.apply(name);
        if (value == null || value.isBlank()) {
            throw new EventContractViolation("missing required header '" + name + "'");
        }
        return value;
    }

    private static Instant parseTime(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new EventContractViolation("header ce_time '" + value + "' is not an RFC 3339 timestamp", e);
        }
    }
}
