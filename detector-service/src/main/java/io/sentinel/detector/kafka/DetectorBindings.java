package io.sentinel.detector.kafka;

import io.sentinel.detector.db.JdbiDetectionContext;
import io.sentinel.detector.engine.RuleEngine;
import io.sentinel.detector.incident.IncidentSteps;
import io.sentinel.events.Topic;
import io.sentinel.events.execution.ExecutionEvent;
import io.sentinel.events.signal.SignalEvent;
import io.sentinel.runtime.consume.EventConsumers;
import java.time.Clock;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The detector's inputs: signals to detect on, and the executor's verdicts on the incidents whose
 * condition cleared (runtime settings: the runtime's {@code config}).
 */
@Configuration
class DetectorBindings {

    @Bean
    Consumer<Message<byte[]>> signals(EventConsumers consumers, RuleEngine rules, Clock clock) {
        return consumers.consumer(Topic.SIGNALS, SignalEvent.class,
                (envelope, context) -> rules.onSignal(envelope.event(), JdbiDetectionContext.of(context, clock)));
    }

    /** Only the verdicts change anything (ADR 0009); the executor's progress events are its own business. */
    @Bean
    Consumer<Message<byte[]>> executions(EventConsumers consumers, IncidentSteps incidents, Clock clock) {
        return consumers.consumer(Topic.EXECUTIONS, ExecutionEvent.class,
                (envelope, context) -> incidents.onVerdict(envelope.event(), JdbiDetectionContext.of(context, clock)));
    }
}
