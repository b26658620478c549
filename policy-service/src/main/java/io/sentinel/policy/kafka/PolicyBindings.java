package io.sentinel.policy.kafka;

import io.sentinel.events.Topic;
import io.sentinel.events.analysis.AnalysisCompleted;
import io.sentinel.events.analysis.AnalysisEvent;
import io.sentinel.events.approval.ApprovalEvent;
import io.sentinel.events.approval.ApprovalVoteCast;
import io.sentinel.policy.approval.db.VoteSettlement;
import io.sentinel.policy.decision.db.ReviewRecorder;
import io.sentinel.runtime.consume.EventConsumers;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** The policy service's inputs: proposals to decide, votes to count. */
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
    Consumer<Message<byte[]>> approvals(EventConsumers consumers, VoteSettlement votes) {
        return consumers.consumer(Topic.APPROVALS, ApprovalEvent.class, (envelope, context) -> {
            switch (envelope.event()) {
                case ApprovalVoteCast vote -> votes.onVote(vote, context);
            }
        });
    }
}
