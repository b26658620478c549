package io.sentinel.policy.decision;

import io.sentinel.policy.approval.ApprovalRequests;
import io.sentinel.policy.policy.PolicyEngine;
import io.sentinel.policy.policy.PolicyProperties;
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
    ProposalReview proposalReview(PolicyEngine policy, ApprovalRequests approvals, TargetInventory inventory) {
        return new ProposalReview(policy, approvals, inventory);
    }
}
