package io.sentinel.policy.decision;

import io.sentinel.policy.approval.ApprovalProperties;
import io.sentinel.policy.brake.Brakes;
import io.sentinel.policy.rules.PolicyRules;
import io.sentinel.runtime.inventory.TargetInventory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class DecisionConfiguration {

    @Bean
    ProposalReview proposalReview(PolicyRules rules, Brakes brakes, TargetInventory inventory, ApprovalProperties approval) {
        return new ProposalReview(rules, brakes, inventory, approval.ttl());
    }
}
