package io.sentinel.executor.kafka;

import io.sentinel.events.Topic;
import io.sentinel.events.decision.ActionAuthorized;
import io.sentinel.events.decision.DecisionEvent;
import io.sentinel.events.incident.ConditionCleared;
import io.sentinel.events.incident.IncidentEvent;
import io.sentinel.events.incident.IncidentResolved;
import io.sentinel.executor.intake.ActionIntake;
import io.sentinel.executor.verification.ConditionTracker;
import io.sentinel.runtime.consume.EventConsumers;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** The executor's inputs: authorized actions to run, and what the detector says about their incidents. */
@Configuration
class ExecutorBindings {

    @Bean
    Consumer<Message<byte[]>> decisions(EventConsumers consumers, ActionIntake intake) {
        return consumers.consumer(Topic.DECISIONS, DecisionEvent.class, (envelope, context) -> {
            switch (envelope.event()) {
                case ActionAuthorized authorized -> intake.onAuthorized(authorized, context);
                default -> {
                    // Requests, rejections, expiries and blocks authorize nothing to run.
                }
            }
        });
    }

    @Bean
    Consumer<Message<byte[]>> incidents(EventConsumers consumers, ConditionTracker conditions) {
        return consumers.consumer(Topic.INCIDENTS, IncidentEvent.class, (envelope, context) -> {
            switch (envelope.event()) {
                case ConditionCleared cleared -> conditions.onCleared(cleared, context);
                case IncidentResolved resolved -> conditions.onResolved(resolved, context);
                default -> {
                    // Openings, updates and escalations change nothing about running executions.
                }
            }
        });
    }
}
