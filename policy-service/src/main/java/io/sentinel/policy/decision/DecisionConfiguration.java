package io.sentinel.policy.decision;

import io.sentinel.policy.approval.ApprovalProperties;
import io.sentinel.policy.rules.PolicyEngine;
import io.sentinel.policy.rules.PolicyProperties;
import io.sentinel.runtime.inventory.TargetInventory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class DecisionConfiguration {

    @Bean
    PolicyEngine policyEngine(PolicyProperties properties) {
        return new PolicyEngine(properties.rules());
    }

    @Bean
    ProposalReview proposalReview(PolicyEngine policy, TargetInventory inventory, ApprovalProperties approval) {
        return new ProposalReview(policy, inventory, approval.ttl());
    }
}
