package io.sentinel.gateway.kafka;

import io.sentinel.events.Topic;
import io.sentinel.events.analysis.AnalysisEvent;
import io.sentinel.events.approval.ApprovalEvent;
import io.sentinel.events.config.ConfigEvent;
import io.sentinel.events.decision.DecisionEvent;
import io.sentinel.events.execution.ExecutionEvent;
import io.sentinel.events.incident.IncidentEvent;
import io.sentinel.gateway.approval.db.ApprovalProjection;
import io.sentinel.gateway.incident.db.IncidentProjection;
import io.sentinel.gateway.settings.SettingsProjection;
import io.sentinel.runtime.consume.EventConsumers;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** The gateway's inputs: every topic about incidents, folded into the read model, and the runtime settings. */
@Configuration
class GatewayBindings {

    @Bean
    Consumer<Message<byte[]>> incidents(EventConsumers consumers, IncidentProjection incidents) {
        return consumers.consumer(Topic.INCIDENTS, IncidentEvent.class, incidents::apply);
    }

    @Bean
    Consumer<Message<byte[]>> analyses(EventConsumers consumers, IncidentProjection incidents) {
        return consumers.consumer(Topic.ANALYSES, AnalysisEvent.class, incidents::apply);
    }

    @Bean
    Consumer<Message<byte[]>> decisions(EventConsumers consumers, IncidentProjection incidents, ApprovalProjection approvals) {
        return consumers.consumer(Topic.DECISIONS, DecisionEvent.class, (envelope, context) -> {
            incidents.apply(envelope, context);
            approvals.apply(envelope, context);
        });
    }

    @Bean
    Consumer<Message<byte[]>> executions(EventConsumers consumers, IncidentProjection incidents) {
        return consumers.consumer(Topic.EXECUTIONS, ExecutionEvent.class, incidents::apply);
    }

    /** Votes, including the gateway's own: they belong on the incident's timeline like every other step. */
    @Bean
    Consumer<Message<byte[]>> approvals(EventConsumers consumers, IncidentProjection incidents) {
        return consumers.consumer(Topic.APPROVALS, ApprovalEvent.class, incidents::apply);
    }

    /**
     * Runtime settings, including those the gateway published itself: every instance replays the
     * whole compacted topic at start (an anonymous group from the earliest offset, see gateway.yaml)
     * and keeps the current value of each in memory.
     */
    @Bean
    Consumer<Message<byte[]>> config(EventConsumers consumers, SettingsProjection settings) {
        return consumers.replaying(Topic.CONFIG, ConfigEvent.class, settings::apply);
    }
}
