package io.sentinel.detector.kafka;

import io.sentinel.detector.remediation.RemediationTracker;
import io.sentinel.detector.rule.EventDetectionContext;
import io.sentinel.detector.rule.RuleEngine;
import io.sentinel.events.Topic;
import io.sentinel.events.execution.ExecutionEvent;
import io.sentinel.events.signal.SignalEvent;
import io.sentinel.runtime.consume.EventConsumers;
import java.time.Clock;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** The detector's inputs: signals to detect on, executions to follow (runtime settings: the runtime's {@code config}). */
@Configuration
class DetectorBindings {

    @Bean
    Consumer<Message<byte[]>> signals(EventConsumers consumers, RuleEngine rules, Clock clock) {
        return consumers.consumer(Topic.SIGNALS, SignalEvent.class,
                (envelope, context) -> rules.onSignal(envelope.event(), new EventDetectionContext(context, clock)));
    }

    @Bean
    Consumer<Message<byte[]>> executions(EventConsumers consumers, RemediationTracker tracker, Clock clock) {
        return consumers.consumer(Topic.EXECUTIONS, ExecutionEvent.class,
                (envelope, context) -> tracker.onExecution(envelope.event(), new EventDetectionContext(context, clock)));
    }
}
