package io.sentinel.runtime.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.sentinel.events.EventTypes;
import io.sentinel.events.IncidentScoped;
import io.sentinel.events.SentinelEvent;
import io.sentinel.events.analysis.ProposedAction;
import io.sentinel.events.analysis.Risk;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * The attributes of Sentinel's spans: OpenTelemetry's messaging and CloudEvents conventions, and
 * what an incident's trace is searched by ({@code sentinel.incident.id}, {@code sentinel.playbook},
 * {@code sentinel.risk}).
 */
public final class SpanAttributes {

    public static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    public static final AttributeKey<String> MESSAGING_DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    /** publish, create or process: the operation in the (pre-1.26) messaging conventions' words. */
    public static final AttributeKey<String> MESSAGING_OPERATION = AttributeKey.stringKey("messaging.operation");
    /** send, create or process: the same in the current conventions' words. */
    public static final AttributeKey<String> MESSAGING_OPERATION_TYPE = AttributeKey.stringKey("messaging.operation.type");
    public static final AttributeKey<String> MESSAGING_MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    public static final AttributeKey<String> MESSAGING_KAFKA_KEY = AttributeKey.stringKey("messaging.kafka.message.key");
    public static final AttributeKey<String> MESSAGING_PARTITION = AttributeKey.stringKey("messaging.destination.partition.id");
    public static final AttributeKey<Long> MESSAGING_KAFKA_OFFSET = AttributeKey.longKey("messaging.kafka.offset");
    public static final AttributeKey<String> MESSAGING_CONSUMER_GROUP = AttributeKey.stringKey("messaging.consumer.group.name");
    public static final AttributeKey<String> CLOUDEVENTS_ID = AttributeKey.stringKey("cloudevents.event_id");
    public static final AttributeKey<String> CLOUDEVENTS_TYPE = AttributeKey.stringKey("cloudevents.event_type");
    public static final AttributeKey<String> CLOUDEVENTS_SOURCE = AttributeKey.stringKey("cloudevents.event_source");

    public static final AttributeKey<String> INCIDENT_ID = AttributeKey.stringKey("sentinel.incident.id");
    public static final AttributeKey<String> PLAYBOOK = AttributeKey.stringKey("sentinel.playbook");
    public static final AttributeKey<String> RISK = AttributeKey.stringKey("sentinel.risk");
    /** The event's type discriminator, e.g. {@code IncidentOpened}. */
    public static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("sentinel.event.type");
    /** What the inbox made of a delivery: processed, or duplicate (processed before, skipped). */
    public static final AttributeKey<String> INBOX_OUTCOME = AttributeKey.stringKey("sentinel.inbox.outcome");
    /** On a link: why the span points at another trace (cause: what this span reacts to). */
    public static final AttributeKey<String> LINK_ROLE = AttributeKey.stringKey("sentinel.link");

    public static final String KAFKA = "kafka";

    private static final ClassValue<List<Method>> PLAYBOOK_AND_RISK = new ClassValue<>() {
        @Override
        protected List<Method> computeValue(Class<?> type) {
            List<Method> accessors = new ArrayList<>();
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    Class<?> valueType = component.getType();
                    if (valueType == ProposedAction.class || valueType == Risk.class
                            || (valueType == String.class && component.getName().equals("playbookId"))) {
                        accessors.add(component.getAccessor());
                    }
                }
            }
            return List.copyOf(accessors);
        }
    };

    private SpanAttributes() {
    }

    /** What the event says about its incident: id, playbook and risk where it carries them, and its type. */
    public static Attributes of(SentinelEvent event) {
        AttributesBuilder attributes = Attributes.builder().put(EVENT_TYPE, EventTypes.name(event.getClass()));
        if (event instanceof IncidentScoped scoped && scoped.incidentId() != null) {
            attributes.put(INCIDENT_ID, scoped.incidentId());
        }
        for (Method accessor : PLAYBOOK_AND_RISK.get(event.getClass())) {
            switch (read(accessor, event)) {
                case ProposedAction action -> attributes.put(PLAYBOOK, action.playbookId());
                case Risk risk -> attributes.put(RISK, risk.name());
                case String playbook -> attributes.put(PLAYBOOK, playbook);
                case null, default -> {
                }
            }
        }
        return attributes.build();
    }

    private static Object read(Method accessor, SentinelEvent event) {
        try {
            return accessor.invoke(event);
        } catch (IllegalAccessException | InvocationTargetException e) {
            // An event's accessors are public and side-effect free; one that fails only loses an attribute.
            return null;
        }
    }
}
