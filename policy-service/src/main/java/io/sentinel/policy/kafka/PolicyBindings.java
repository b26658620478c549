package io.sentinel.policy.kafka;

import io.sentinel.events.Topic;
import io.sentinel.events.analysis.AnalysisCompleted;
import io.sentinel.events.analysis.AnalysisEvent;
import io.sentinel.events.approval.ApprovalEvent;
import io.sentinel.events.approval.ApprovalVoteCast;
import io.sentinel.events.approval.BrakeReleased;
import io.sentinel.events.execution.ExecutionEvent;
import io.sentinel.events.incident.IncidentEvent;
import io.sentinel.policy.approval.db.VoteSettlement;
import io.sentinel.policy.brake.db.BrakeReleases;
import io.sentinel.policy.brake.db.ExecutionFailures;
import io.sentinel.policy.decision.db.ReviewRecorder;
import io.sentinel.policy.incident.db.IncidentFactsRecorder;
import io.sentinel.runtime.consume.EventConsumers;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The policy service's inputs: proposals to decide, what the detector says about incidents (for rules
 * on severity, detector rule and observation), votes and brake releases, and executions that failed
 * (for the global brake).
 */
@Configuration
class PolicyBindings {

    @Bean
    Consumer<Message<byte[]>> analyses(EventConsumers consumers, ReviewRecorder reviews) {
        return consumers.consumer(Topic.ANALYSES, AnalysisEvent.class, (envelope, context) -> {
            switch (envelope.event()) {
                case AnalysisCompleted analysis -> reviews.onAnalysis(analysis, context);
            }
        });
    }

    @Bean
    Consumer<Message<byte[]>> approvals(EventConsumers consumers, VoteSettlement votes, BrakeReleases releases) {
        return consumers.consumer(Topic.APPROVALS, ApprovalEvent.class, (envelope, context) -> {
            switch (envelope.event()) {
                case ApprovalVoteCast vote -> votes.onVote(vote, context);
                case BrakeReleased release -> releases.onRelease(release, context);
            }
        });
    }

    @Bean
    Consumer<Message<byte[]>> incidents(EventConsumers consumers, IncidentFactsRecorder facts) {
        return consumers.consumer(Topic.INCIDENTS, IncidentEvent.class, (envelope, context) -> facts.onIncident(envelope.event(), context));
    }

    @Bean
    Consumer<Message<byte[]>> executions(EventConsumers consumers, ExecutionFailures failures) {
        return consumers.consumer(Topic.EXECUTIONS, ExecutionEvent.class,
                (envelope, context) -> failures.onExecution(envelope.event(), context));
    }
}
