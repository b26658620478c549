package io.sentinel.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.events.analysis.Risk;
import io.sentinel.events.approval.Role;
import io.sentinel.events.incident.Severity;
import io.sentinel.events.settings.SettingContracts;
import io.sentinel.events.settings.policy.PolicyRuleSetting;
import io.sentinel.policy.incident.IncidentFacts;
import io.sentinel.policy.rules.PolicyDecision.Auto;
import io.sentinel.policy.rules.PolicyDecision.Deny;
import io.sentinel.policy.rules.PolicyDecision.RequireApproval;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/** The rule matcher, table-driven on values: first match wins, no match denies, not knowing never loosens. No Spring, no clock. */
class RuleMatcherTest {

    /** Wednesday 2026-11-25 12:00 in Berlin. */
    private static final Instant WEDNESDAY = Instant.parse("2026-11-25T11:00:00Z");
    /** Saturday 2026-11-28 12:00 in Berlin. */
    private static final Instant SATURDAY = Instant.parse("2026-11-28T11:00:00Z");
    private static final IncidentFacts MEMORY = new IncidentFacts("memory-usage-high", Severity.WARNING, "memory_usage_ratio", 0.8);
    private static final IncidentFacts LOOPING_AGENT = new IncidentFacts("llm-agent-loop", Severity.CRITICAL, "llm_trace_generations", 23.0);
    private static final IncidentFacts SHORT_LOOP = new IncidentFacts("llm-agent-loop", Severity.WARNING, "llm_trace_generations", 12.0);
    private static final IncidentFacts OVERSPENDING = new IncidentFacts("llm-cost-spike", Severity.WARNING, "llm_cost_usd", 10.5);
    private static final IncidentFacts SPENDING_TEN = new IncidentFacts("llm-cost-spike", Severity.WARNING, "llm_cost_usd", 10.0);
    private static final IncidentFacts DRIFTING = new IncidentFacts("llm-prompt-drift", Severity.WARNING, "llm_output_violations", 0.4);

    private static final RuleMatcher SHIPPED = new RuleMatcher(ShippedPolicy.rules());
    private static final RuleMatcher CUSTOM = new RuleMatcher(rules("""
            [{"name": "weekend-freeze", "environment": "production", "risk": ["low", "medium"],
              "windows": [{"from": "fri 16:00", "to": "mon 08:00", "zone": "Europe/Berlin"}], "decision": "approve", "role": "admin"},
             {"name": "never-restart-payments", "playbook": "restart-service", "namespace": "payments", "decision": "deny",
              "reason": "payments restarts go through the change board"},
             {"name": "two-admins-for-critical-incidents", "severity": "critical", "decision": "approve", "role": "admin", "approvals": 2},
             {"name": "team-pay-asks", "labels": {"team": "pay(ments)?"}, "decision": "approve"},
             {"name": "auto-small-restarts", "playbook": "restart-service", "risk": "low", "decision": "auto", "max-blast-radius": 2},
             {"name": "auto-low", "risk": "low", "decision": "auto"},
             {"name": "approve-rest", "decision": "approve"}]"""));

    static Stream<Arguments> shippedDecisions() {
        return Stream.of(
                Arguments.of("low risk runs alone", proposal("release-memory", Risk.LOW, "staging", MEMORY), new Auto("auto-low")),
                Arguments.of("medium risk needs an operator", proposal("release-memory", Risk.MEDIUM, "production", MEMORY),
                        new RequireApproval("approve-medium", Role.OPERATOR)),
                Arguments.of("high risk needs an admin", proposal("restart-service", Risk.HIGH, "production", MEMORY),
                        new RequireApproval("approve-high", Role.ADMIN)),
                Arguments.of("critical risk never runs", proposal("restart-service", Risk.CRITICAL, "staging", MEMORY),
                        new Deny("deny-critical", "policy rule 'deny-critical' forbids running 'restart-service' at risk CRITICAL in "
                                + "environment 'staging'")),
                Arguments.of("an agent past 20 generations is paused without waiting", proposal("pause-agent", Risk.MEDIUM, "production",
                        LOOPING_AGENT), new Auto("llm-pause-looping-agent")),
                Arguments.of("an agent at 12 generations is paused only with approval", proposal("pause-agent", Risk.MEDIUM, "production",
                        SHORT_LOOP), new RequireApproval("llm-approve-the-rest", Role.OPERATOR)),
                Arguments.of("an application spending more than $10 an hour is paused without waiting", proposal("pause-agent", Risk.LOW,
                        "production", OVERSPENDING), new Auto("llm-pause-overspending-agent")),
                Arguments.of("spending exactly $10 an hour is not above $10", proposal("pause-agent", Risk.LOW, "production", SPENDING_TEN),
                        new RequireApproval("llm-approve-the-rest", Role.OPERATOR)),
                Arguments.of("another playbook for a looping agent needs approval, even at low risk", proposal("restart-service", Risk.LOW,
                        "production", LOOPING_AGENT), new RequireApproval("llm-approve-the-rest", Role.OPERATOR)),
                Arguments.of("anything else about an LLM application needs approval", proposal("release-memory", Risk.LOW, "staging",
                        DRIFTING), new RequireApproval("llm-approve-the-rest", Role.OPERATOR)),
                Arguments.of("a high-risk action for an LLM application still needs an admin", proposal("restart-service", Risk.HIGH,
                        "production", DRIFTING), new RequireApproval("approve-high", Role.ADMIN)),
                Arguments.of("a critical pause is denied like any critical action", proposal("pause-agent", Risk.CRITICAL, "production",
                        LOOPING_AGENT), new Deny("deny-critical", "policy rule 'deny-critical' forbids running 'pause-agent' at risk "
                        + "CRITICAL in environment 'production'")),
                Arguments.of("not knowing the incident, a low-risk action waits for a person: it may be about an LLM application",
                        proposal("release-memory", Risk.LOW, "staging", null),
                        new RequireApproval("llm-approve-the-rest (incident unknown)", Role.OPERATOR)),
                Arguments.of("not knowing the incident, a pause is never run alone", proposal("pause-agent", Risk.LOW, "production", null),
                        new RequireApproval("llm-approve-the-rest (incident unknown)", Role.OPERATOR)),
                Arguments.of("not knowing the incident changes nothing where the rules already ask an admin",
                        proposal("restart-service", Risk.HIGH, "production", null), new RequireApproval("approve-high", Role.ADMIN)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedDecisions")
    void theShippedPolicyDecidesByRiskAndLetsOnlyRunawayAgentsBePausedAlone(String scenario, Proposal proposal, PolicyDecision expected) {
        assertThat(SHIPPED.decide(proposal, WEDNESDAY)).isEqualTo(expected);
    }

    static Stream<Arguments> customDecisions() {
        return Stream.of(
                Arguments.of("the freeze applies in production on a Saturday", proposal("release-memory", Risk.LOW, "production", MEMORY),
                        SATURDAY, new RequireApproval("weekend-freeze", Role.ADMIN)),
                Arguments.of("not on a Wednesday", proposal("release-memory", Risk.LOW, "production", MEMORY), WEDNESDAY,
                        new Auto("auto-low")),
                Arguments.of("not in staging", proposal("release-memory", Risk.LOW, "staging", MEMORY), SATURDAY, new Auto("auto-low")),
                Arguments.of("a rule on a namespace beats later rules", proposal("restart-service", Risk.LOW, "production", "payments",
                        Map.of(), MEMORY, null), WEDNESDAY, new Deny("never-restart-payments", "payments restarts go through the change board")),
                Arguments.of("a target without the namespace falls through", proposal("restart-service", Risk.LOW, "production", null,
                        Map.of(), MEMORY, 1), WEDNESDAY, new Auto("auto-small-restarts", 2)),
                Arguments.of("severity critical needs two admins", proposal("release-memory", Risk.LOW, "staging",
                        new IncidentFacts("memory-usage-high", Severity.CRITICAL, "memory_usage_ratio", 0.97)), WEDNESDAY,
                        new RequireApproval("two-admins-for-critical-incidents", Role.ADMIN, 2, null)),
                Arguments.of("a label matched by a regular expression", proposal("release-memory", Risk.LOW, "staging", null,
                        Map.of("team", "payments"), MEMORY, null), WEDNESDAY, new RequireApproval("team-pay-asks", Role.OPERATOR)),
                Arguments.of("the expression matches the whole value only", proposal("release-memory", Risk.LOW, "staging", null,
                        Map.of("team", "payments-eu"), MEMORY, null), WEDNESDAY, new Auto("auto-low")),
                Arguments.of("a missing label matches only an expression that matches the empty value", proposal("release-memory",
                        Risk.LOW, "staging", null, Map.of(), MEMORY, null), WEDNESDAY, new Auto("auto-low")),
                Arguments.of("the first matching rule carries its blast-radius limit", proposal("restart-service", Risk.LOW, "staging",
                        null, Map.of(), MEMORY, 5), WEDNESDAY, new Auto("auto-small-restarts", 2)),
                Arguments.of("not knowing the severity, two admins rather than an automatic run", proposal("release-memory", Risk.LOW,
                        "staging", null), WEDNESDAY,
                        new RequireApproval("two-admins-for-critical-incidents (incident unknown)", Role.ADMIN, 2, null)),
                Arguments.of("whatever nothing else decides needs an operator", proposal("drain-queue", Risk.HIGH, "staging", MEMORY),
                        WEDNESDAY, new RequireApproval("approve-rest", Role.OPERATOR)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("customDecisions")
    void theFirstMatchingRuleDecides(String scenario, Proposal proposal, Instant now, PolicyDecision expected) {
        assertThat(CUSTOM.decide(proposal, now)).isEqualTo(expected);
    }

    static Stream<Arguments> strictestWhenUnknown() {
        return Stream.of(
                Arguments.of("a possible denial denies", """
                        [{"name": "deny-critical-incidents", "severity": "critical", "decision": "deny"},
                         {"name": "auto-all", "decision": "auto"}]""",
                        new Deny("deny-critical-incidents (incident unknown)", "policy rule 'deny-critical-incidents' forbids running "
                                + "'release-memory' at risk LOW in environment 'staging'")),
                Arguments.of("an admin and two operators make two admins", """
                        [{"name": "admin-for-critical", "severity": "critical", "decision": "approve", "role": "admin"},
                         {"name": "two-operators", "decision": "approve", "approvals": 2}]""",
                        new RequireApproval("admin-for-critical (incident unknown)", Role.ADMIN, 2, null)),
                Arguments.of("a possible automatic run is no stricter than a sure approval", """
                        [{"name": "auto-for-loops", "detector-rule": "llm-agent-loop", "decision": "auto"},
                         {"name": "approve-all", "decision": "approve"}]""",
                        new RequireApproval("approve-all", Role.OPERATOR)),
                Arguments.of("only possible matches: denied by default", """
                        [{"name": "auto-for-loops", "detector-rule": "llm-agent-loop", "decision": "auto"}]""",
                        new Deny(RuleMatcher.NO_MATCHING_RULE, "no policy rule surely matches, and the incident is unknown yet")),
                Arguments.of("a possible match after the sure one does not count", """
                        [{"name": "auto-all", "decision": "auto"},
                         {"name": "deny-critical-incidents", "severity": "critical", "decision": "deny"}]""",
                        new Auto("auto-all")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strictestWhenUnknown")
    void notKnowingTheIncidentTheStrictestRuleThatMayMatchDecides(String scenario, String rules, PolicyDecision expected) {
        assertThat(new RuleMatcher(rules(rules)).decide(proposal("release-memory", Risk.LOW, "staging", null), WEDNESDAY))
                .isEqualTo(expected);
    }

    @Test
    void anUnlistedTargetNeverRunsAloneAndKeepsWhatTheRulesAskOtherwise() {
        assertThat(SHIPPED.decideUnlisted(proposal("release-memory", Risk.LOW, "production", MEMORY), WEDNESDAY))
                .isEqualTo(new RequireApproval("unlisted-target (instead of auto-low)", Role.OPERATOR, 1, "auto-low"));
        assertThat(SHIPPED.decideUnlisted(proposal("restart-service", Risk.HIGH, "production", MEMORY), WEDNESDAY))
                .isEqualTo(new RequireApproval("approve-high", Role.ADMIN));
        assertThat(SHIPPED.decideUnlisted(proposal("restart-service", Risk.CRITICAL, "production", MEMORY), WEDNESDAY))
                .isInstanceOf(Deny.class);
    }

    @Test
    void saysWhetherKnowingTheIncidentCouldChangeTheDecision() {
        assertThat(SHIPPED.dependsOnTheIncident(proposal("release-memory", Risk.LOW, "staging", null), WEDNESDAY))
                .as("llm-approve-the-rest may match before auto-low").isTrue();
        assertThat(SHIPPED.dependsOnTheIncident(proposal("release-memory", Risk.HIGH, "staging", null), WEDNESDAY))
                .as("no rule before approve-high asks about the incident").isFalse();
        assertThat(SHIPPED.dependsOnTheIncident(proposal("release-memory", Risk.CRITICAL, "staging", null), WEDNESDAY))
                .as("deny-critical decides first").isFalse();
        assertThat(SHIPPED.dependsOnTheIncident(proposal("release-memory", Risk.LOW, "staging", MEMORY), WEDNESDAY))
                .as("known").isFalse();
    }

    @Test
    void anEmptyPolicyDeniesEverything() {
        assertThat(new RuleMatcher(List.of()).decide(proposal("release-memory", Risk.LOW, "staging", MEMORY), WEDNESDAY))
                .isEqualTo(new Deny(RuleMatcher.NO_MATCHING_RULE, "no policy rule matches"));
    }

    private static Proposal proposal(String playbook, Risk risk, String environment, IncidentFacts incident) {
        return proposal(playbook, risk, environment, null, Map.of(), incident, null);
    }

    private static Proposal proposal(String playbook, Risk risk, String environment, String namespace, Map<String, String> labels,
                                     IncidentFacts incident, Integer blastRadius) {
        return new Proposal(playbook, risk, environment, namespace, labels, incident, blastRadius);
    }

    @SuppressWarnings("unchecked")
    private static List<PolicyRuleSetting> rules(String json) {
        return SettingContracts.POLICY_RULES.read("policy.rules", JsonMapper.builder().build().readTree(json));
    }
}
