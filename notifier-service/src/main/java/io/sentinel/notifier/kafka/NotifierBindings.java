package io.sentinel.notifier.kafka;

import io.sentinel.events.Topic;
import io.sentinel.events.decision.ApprovalRequested;
import io.sentinel.events.decision.DecisionEvent;
import io.sentinel.events.incident.IncidentEscalated;
import io.sentinel.events.incident.IncidentEvent;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.incident.IncidentResolved;
import io.sentinel.notifier.intake.NotificationIntake;
import io.sentinel.runtime.consume.EventConsumers;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** The notifier's inputs: incidents opening, resolving and escalating, and approvals being asked for. */
@Configuration
class NotifierBindings {

    @Bean
    Consumer<Message<byte[]>> incidents(EventConsumers consumers, NotificationIntake intake) {
        return consumers.consumer(Topic.INCIDENTS, IncidentEvent.class, (envelope, context) -> {
            switch (envelope.event()) {
                case IncidentOpened opened -> intake.onOpened(opened, context);
                case IncidentResolved resolved -> intake.onResolved(resolved, context);
                case IncidentEscalated escalated -> intake.onEscalated(escalated, context);
                default -> {
                    // Updates and clearings are progress, not news for people.
                }
            }
        });
    }

    @Bean
    Consumer<Message<byte[]>> decisions(EventConsumers consumers, NotificationIntake intake) {
        return consumers.consumer(Topic.DECISIONS, DecisionEvent.class, (envelope, context) -> {
            switch (envelope.event()) {
                case ApprovalRequested request -> intake.onApprovalRequested(request, context);
                default -> {
                    // Authorizations, rejections, expiries and blocks show in the incident's outcome instead.
                }
            }
        });
    }
}
