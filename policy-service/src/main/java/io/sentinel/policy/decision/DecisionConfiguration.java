package io.sentinel.policy.decision;

import io.sentinel.policy.approval.ApprovalRequests;
import io.sentinel.policy.policy.PolicyEngine;
import io.sentinel.policy.policy.PolicyProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class DecisionConfiguration {

    @Bean
    PolicyEngine policyEngine(PolicyProperties properties) {
        return new PolicyEngine(properties.rules());
    }

    @Bean
    ProposalReview proposalReview(PolicyEngine policy, ApprovalRequests approvals) {
        return new ProposalReview(policy, approvals);
    }
}
