package io.sentinel.runtime.it;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.sentinel.events.Topic;
import io.sentinel.events.incident.IncidentEscalated;
import io.sentinel.events.incident.IncidentEvent;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.runtime.consume.EventConsumers;
import java.time.Instant;
import java.util.function.Consumer;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.Message;

/** A minimal service built on the runtime: records what it handles, escalates what opens, keeps its spans. */
@SpringBootApplication
class ProbeApplication {

    /** Boot's tracing exports to every exporter bean; this one keeps the spans for the tests to read. */
    @Bean
    InMemorySpanExporter spans() {
        return InMemorySpanExporter.create();
    }

    @Bean
    Consumer<Message<byte[]>> incidents(EventConsumers consumers) {
        return consumers.consumer(Topic.INCIDENTS, IncidentEvent.class, (envelope, context) -> {
            context.handle().createUpdate("insert into handled (event_id, event_type) values (:id, :type)")
                    .bind("id", envelope.id()).bind("type", envelope.type()).execute();
            if (envelope.event() instanceof IncidentOpened opened) {
                context.publish(new IncidentEscalated(opened.incidentId(), envelope.id(), "probe escalates everything", Instant.now()));
            }
        });
    }
}
