package io.sentinel.gateway.kafka;

import io.sentinel.events.EventEnvelope;
import io.sentinel.events.Topic;
import io.sentinel.events.analysis.AnalysisEvent;
import io.sentinel.events.answer.AnswerEvent;
import io.sentinel.events.approval.ApprovalEvent;
import io.sentinel.events.approval.ApprovalVoteCast;
import io.sentinel.events.approval.BrakeReleased;
import io.sentinel.events.config.ConfigEvent;
import io.sentinel.events.decision.DecisionEvent;
import io.sentinel.events.execution.ExecutionEvent;
import io.sentinel.events.incident.IncidentEvent;
import io.sentinel.gateway.approval.db.ApprovalProjection;
import io.sentinel.gateway.ask.OpenAsks;
import io.sentinel.gateway.incident.db.IncidentProjection;
import io.sentinel.gateway.settings.SettingsProjection;
import io.sentinel.runtime.consume.EventConsumers;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** The gateway's inputs: every topic about incidents, folded into the read model, and the runtime settings. */
@Configuration
class GatewayBindings {

    private static final Logger log = LoggerFactory.getLogger(GatewayBindings.class);

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

    /**
     * The gateway's own publications, read back: votes belong on the incident's timeline like every
     * other step; a brake release is about no incident (its audit entry was written when it was made).
     */
    @Bean
    Consumer<Message<byte[]>> approvals(EventConsumers consumers, IncidentProjection incidents) {
        return consumers.consumer(Topic.APPROVALS, ApprovalEvent.class, (envelope, context) -> {
            switch (envelope.event()) {
                case ApprovalVoteCast vote -> incidents.apply(
                        new EventEnvelope<>(envelope.id(), envelope.source(), envelope.time(), envelope.traceParent(), vote), context);
                case BrakeReleased released -> log.info("brake release read back releaseId={} releasedBy={}", released.releaseId(),
                        released.releasedBy());
            }
        });
    }

    /**
     * Answers to questions asked here or at any other gateway instance: every instance reads them all
     * (an anonymous group from the latest offset, see gateway.yaml), signatures checked as for every
     * topic, and passes each on to its asker if they wait here. Nothing is stored, so there is no inbox.
     */
    @Bean
    Consumer<Message<byte[]>> answers(EventConsumers consumers, OpenAsks asks) {
        return consumers.replaying(Topic.ANSWERS, AnswerEvent.class, envelope -> asks.deliver(envelope.event()));
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
