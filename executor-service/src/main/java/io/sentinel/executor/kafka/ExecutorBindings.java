package io.sentinel.executor.kafka;

import io.sentinel.events.Topic;
import io.sentinel.events.decision.ActionAuthorized;
import io.sentinel.events.decision.DecisionEvent;
import io.sentinel.events.incident.ConditionCleared;
import io.sentinel.events.incident.IncidentEvent;
import io.sentinel.executor.intake.ActionIntake;
import io.sentinel.executor.verification.ClearingJudge;
import io.sentinel.runtime.consume.EventConsumers;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** The executor's inputs: authorized actions to run, and the detector's observation that an incident's condition cleared. */
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
    Consumer<Message<byte[]>> incidents(EventConsumers consumers, ClearingJudge judge) {
        return consumers.consumer(Topic.INCIDENTS, IncidentEvent.class, (envelope, context) -> {
            switch (envelope.event()) {
                case ConditionCleared cleared -> judge.onCleared(cleared, context);
                default -> {
                    // Openings, updates, resolutions and escalations are the detector's to decide on; the
                    // executor decides only from its own state and the clearing (ADR 0009).
                }
            }
        });
    }
}
