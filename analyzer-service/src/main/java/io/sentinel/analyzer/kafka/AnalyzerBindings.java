package io.sentinel.analyzer.kafka;

import io.sentinel.analyzer.analysis.db.AnalysisRecorder;
import io.sentinel.events.Topic;
import io.sentinel.events.incident.IncidentEvent;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.runtime.consume.EventConsumers;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** The analyzer's input: incidents to explain. */
@Configuration
class AnalyzerBindings {

    @Bean
    Consumer<Message<byte[]>> incidents(EventConsumers consumers, AnalysisRecorder analyses) {
        return consumers.consumer(Topic.INCIDENTS, IncidentEvent.class, (envelope, context) -> {
            switch (envelope.event()) {
                case IncidentOpened opened -> analyses.onOpened(opened, context);
                default -> {
                    // Only an opening is analysed for now; updates and clearings will refine analyses later.
                }
            }
        });
    }
}
