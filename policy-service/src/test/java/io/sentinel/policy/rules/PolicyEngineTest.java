package io.sentinel.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentinel.events.analysis.Risk;
import io.sentinel.events.approval.Role;
import io.sentinel.policy.rules.PolicyDecision.Auto;
import io.sentinel.policy.rules.PolicyDecision.Deny;
import io.sentinel.policy.rules.PolicyDecision.RequireApproval;
import io.sentinel.policy.rules.PolicyRule.Decision;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

class PolicyEngineTest {

    private static final PolicyEngine SHIPPED = new PolicyEngine(shippedPolicy().rules());

    private static final PolicyEngine CUSTOM = new PolicyEngine(List.of(
            new PolicyRule("never-restart-payments", "restart-service", null, "payments", Decision.DENY, null),
            new PolicyRule("auto-release-memory-in-staging", "release-memory", null, "staging", Decision.AUTO, null),
            new PolicyRule("approve-anything-low", null, "low", null, Decision.APPROVE, null),
            new PolicyRule("admins-approve-medium-in-production", null, "medium", "production", Decision.APPROVE, Role.ADMIN)));

    static Stream<Arguments> shippedDecisions() {
        return Stream.of(
                Arguments.of("a low-risk action runs without asking", "release-memory", Risk.LOW, "staging", new Auto("auto-low")),
                Arguments.of("a medium-risk action needs an operator", "release-memory", Risk.MEDIUM, "production",
                        new RequireApproval("approve-medium", Role.OPERATOR)),
                Arguments.of("a high-risk action needs an admin", "restart-service", Risk.HIGH, "production",
                        new RequireApproval("approve-high", Role.ADMIN)),
                Arguments.of("a critical action never runs", "restart-service", Risk.CRITICAL, "staging",
                        new Deny("deny-critical", "policy rule 'deny-critical' forbids running 'restart-service' at risk CRITICAL in environment 'staging'")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedDecisions")
    void shippedPolicyDecidesByRisk(String scenario, String playbook, Risk risk, String environment, PolicyDecision expected) {
        assertThat(SHIPPED.decide(playbook, risk, environment)).isEqualTo(expected);
    }

    static Stream<Arguments> customDecisions() {
        return Stream.of(
                Arguments.of("a rule for one playbook in one environment beats later general rules",
                        "restart-service", Risk.LOW, "payments", new Deny("never-restart-payments",
                                "policy rule 'never-restart-payments' forbids running 'restart-service' at risk LOW in environment 'payments'")),
                Arguments.of("the same playbook elsewhere falls through to the next matching rule",
                        "restart-service", Risk.LOW, "staging", new RequireApproval("approve-anything-low", Role.OPERATOR)),
                Arguments.of("the first matching rule wins even if a later one would also match",
                        "release-memory", Risk.LOW, "staging", new Auto("auto-release-memory-in-staging")),
                Arguments.of("a rule that names no risk matches every risk",
                        "release-memory", Risk.HIGH, "staging", new Auto("auto-release-memory-in-staging")),
                Arguments.of("rules for other risks and environments do not match",
                        "release-memory", Risk.HIGH, "production", new Deny(PolicyEngine.NO_MATCHING_RULE, "no policy rule matches")),
                Arguments.of("an approver role other than the default is carried on the decision",
                        "release-memory", Risk.MEDIUM, "production", new RequireApproval("admins-approve-medium-in-production", Role.ADMIN)),
                Arguments.of("nothing matches: denied, fail closed",
                        "scale-up", Risk.MEDIUM, "staging", new Deny(PolicyEngine.NO_MATCHING_RULE, "no policy rule matches")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("customDecisions")
    void firstMatchingRuleDecides(String scenario, String playbook, Risk risk, String environment, PolicyDecision expected) {
        assertThat(CUSTOM.decide(playbook, risk, environment)).isEqualTo(expected);
    }

    @Test
    void anUnlistedTargetIsJudgedAsTheMostSensitiveEnvironmentAndNeverRunsAlone() {
        assertThat(SHIPPED.decideUnlisted("release-memory", Risk.LOW, "production"))
                .isEqualTo(new RequireApproval("unlisted-target (instead of auto-low)", Role.OPERATOR));
        assertThat(CUSTOM.decideUnlisted("release-memory", Risk.LOW, "staging"))
                .as("a rule that would auto-run it there still asks a person")
                .isEqualTo(new RequireApproval("unlisted-target (instead of auto-release-memory-in-staging)", Role.OPERATOR));
        assertThat(CUSTOM.decideUnlisted("restart-service", Risk.LOW, "payments"))
                .as("a denial stays a denial")
                .isInstanceOf(Deny.class);
        assertThat(SHIPPED.decideUnlisted("restart-service", Risk.HIGH, "production"))
                .as("an approval keeps the role its rule asks for")
                .isEqualTo(new RequireApproval("approve-high", Role.ADMIN));
    }

    @Test
    void anEmptyPolicyDeniesEverything() {
        assertThat(new PolicyEngine(List.of()).decide("release-memory", Risk.LOW, "staging"))
                .isEqualTo(new Deny(PolicyEngine.NO_MATCHING_RULE, "no policy rule matches"));
    }

    @Test
    void aRuleMatchesAnythingItDoesNotNameAndApproversDefaultToOperators() {
        var source = new MapConfigurationPropertySource(Map.of(
                "sentinel.policy.rules[0].name", "approve-all",
                "sentinel.policy.rules[0].decision", "approve"));

        PolicyRule rule = new Binder(source).bind("sentinel.policy", PolicyProperties.class).get().rules().getFirst();

        assertThat(rule).isEqualTo(new PolicyRule("approve-all", "*", "*", "*", Decision.APPROVE, Role.OPERATOR));
    }

    @Test
    void refusesRulesThatCannotMeanWhatTheirAuthorIntended() {
        assertThatThrownBy(() -> new PolicyRule("typo", null, "meduim", null, Decision.AUTO, null))
                .hasMessage("sentinel.policy.rules: rule 'typo' has risk 'meduim'; expected '*' or one of low, medium, high, critical");
        assertThatThrownBy(() -> new PolicyRule("undecided", null, "low", null, null, null))
                .hasMessage("sentinel.policy.rules: rule 'undecided' needs a decision: auto, approve or deny");
        assertThatThrownBy(() -> new PolicyRule(" ", null, "low", null, Decision.AUTO, null))
                .hasMessage("sentinel.policy.rules: every rule needs a name");
        assertThatThrownBy(() -> new PolicyProperties(List.of(
                new PolicyRule("twice", null, "low", null, Decision.AUTO, null),
                new PolicyRule("twice", null, "high", null, Decision.DENY, null))))
                .hasMessage("sentinel.policy.rules has two rules named 'twice'");
    }

    private static PolicyProperties shippedPolicy() {
        try {
            var sources = new YamlPropertySourceLoader().load("policy.yaml", new ClassPathResource("policy.yaml"));
            return new Binder(ConfigurationPropertySources.from(sources)).bind("sentinel.policy", PolicyProperties.class).get();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
