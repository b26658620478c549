package io.sentinel.analyzer.kafka;

import io.sentinel.analyzer.analysis.db.AnalysisRecorder;
import io.sentinel.analyzer.ask.db.AskResponder;
import io.sentinel.analyzer.context.db.ContextRecorder;
import io.sentinel.analyzer.history.db.IncidentHistory;
import io.sentinel.events.Topic;
import io.sentinel.events.execution.ExecutionEvent;
import io.sentinel.events.incident.IncidentEvent;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.question.QuestionAsked;
import io.sentinel.events.question.QuestionEvent;
import io.sentinel.events.signal.SignalEvent;
import io.sentinel.runtime.consume.EventConsumers;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The analyzer's input: incidents to explain, the signals and executions its context and history are
 * made of, and questions to answer.
 */
@Configuration
class AnalyzerBindings {

    @Bean
    Consumer<Message<byte[]>> incidents(EventConsumers consumers, AnalysisRecorder analyses, IncidentHistory history) {
        return consumers.consumer(Topic.INCIDENTS, IncidentEvent.class, (envelope, context) -> {
            switch (envelope.event()) {
                case IncidentOpened opened -> analyses.onOpened(opened, context);
                // Updates, clearings, resolutions and escalations go into the incident's history and timeline.
                case IncidentEvent other -> history.recordIncidentEvent(context.handle(), other, envelope.time());
            }
        });
    }

    @Bean
    Consumer<Message<byte[]>> signals(EventConsumers consumers, ContextRecorder contexts) {
        return consumers.consumer(Topic.SIGNALS, SignalEvent.class, (envelope, context) -> contexts.onSignal(envelope.event(), context));
    }

    @Bean
    Consumer<Message<byte[]>> executions(EventConsumers consumers, IncidentHistory history) {
        return consumers.consumer(Topic.EXECUTIONS, ExecutionEvent.class,
                (envelope, context) -> history.recordExecution(context.handle(), envelope.event(), envelope.time()));
    }

    @Bean
    Consumer<Message<byte[]>> questions(EventConsumers consumers, AskResponder answers) {
        return consumers.consumer(Topic.QUESTIONS, QuestionEvent.class, (envelope, context) -> {
            switch (envelope.event()) {
                case QuestionAsked asked -> answers.onQuestion(asked, context);
            }
        });
    }
}
