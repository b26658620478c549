package io.sentinel.policy.approval;

import io.micrometer.core.instrument.MeterRegistry;
import io.sentinel.runtime.outbox.EventOutbox;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class ApprovalConfiguration {

    @Bean
    ApprovalRequests approvalRequests(ApprovalProperties properties, Clock clock) {
        return new ApprovalRequests(properties, clock);
    }

    @Bean
    ApprovalVoting approvalVoting(Clock clock, MeterRegistry meters) {
        return new ApprovalVoting(clock, meters);
    }

    @Bean
    ApprovalExpiry approvalExpiry(Jdbi jdbi, EventOutbox outbox, Clock clock) {
        return new ApprovalExpiry(jdbi, outbox, clock);
    }
}
