package io.sentinel.detector.kafka;

import io.sentinel.detector.incident.IncidentLifecycle;
import io.sentinel.detector.incident.IncidentProperties;
import io.sentinel.detector.remediation.RemediationTracker;
import io.sentinel.detector.threshold.ThresholdDetection;
import io.sentinel.detector.threshold.ThresholdProperties;
import io.sentinel.events.Topic;
import io.sentinel.events.execution.ExecutionEvent;
import io.sentinel.events.signal.MetricBatch;
import io.sentinel.events.signal.SignalEvent;
import io.sentinel.runtime.consume.EventConsumers;
import java.time.Clock;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** The detector's inputs: signals to detect on, executions to follow. */
@Configuration
class DetectorBindings {

    @Bean
    IncidentLifecycle incidentLifecycle() {
        return new IncidentLifecycle();
    }

    @Bean
    ThresholdDetection thresholdDetection(ThresholdProperties thresholds, IncidentProperties incidents, IncidentLifecycle lifecycle) {
        return new ThresholdDetection(thresholds.rules(), incidents, lifecycle);
    }

    @Bean
    RemediationTracker remediationTracker(IncidentLifecycle lifecycle, Clock clock) {
        return new RemediationTracker(lifecycle, clock);
    }

    @Bean
    Consumer<Message<byte[]>> signals(EventConsumers consumers, ThresholdDetection thresholds) {
        return consumers.consumer(Topic.SIGNALS, SignalEvent.class, (envelope, context) -> {
            switch (envelope.event()) {
                case MetricBatch batch -> thresholds.onMetrics(batch, context);
            }
        });
    }

    @Bean
    Consumer<Message<byte[]>> executions(EventConsumers consumers, RemediationTracker tracker) {
        return consumers.consumer(Topic.EXECUTIONS, ExecutionEvent.class, (envelope, context) -> tracker.onExecution(envelope.event(), context));
    }
}
