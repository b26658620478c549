package io.sentinel.events.settings.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentinel.events.approval.Role;
import io.sentinel.events.settings.SettingContract.Merge;
import io.sentinel.events.settings.SettingContracts;
import io.sentinel.events.settings.SettingJson;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/** The contract of {@code policy.rules}: the shapes docs/policy.md shows, and every mistake named by rule and field. */
class PolicyRulesSettingTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void readsTheRulesTheDocumentationShows() {
        Object rules = read("""
                [{"name": "weekend-freeze", "environment": "production",
                  "windows": [{"from": "fri 16:00", "to": "mon 08:00", "zone": "Europe/Berlin"}],
                  "decision": "approve", "role": "admin"},
                 {"name": "llm-pause-runaway-agent", "playbook": "pause-agent", "detector-rule": "llm-agent-loop",
                  "observation": {"signal": "llm_trace_generations", "above": 20}, "decision": "auto"},
                 {"name": "two-admins-for-payments", "namespace": ["payments", "ledger"], "labels": {"team": "pay.*"},
                  "severity": ["warning", "critical"], "decision": "approve", "role": "admin", "approvals": 2},
                 {"name": "auto-low", "risk": "low", "decision": "auto", "max-blast-radius": 3},
                 {"name": "deny-critical", "risk": "CRITICAL", "decision": "deny", "reason": "never unattended"}]""");

        assertThat(rules).isEqualTo(List.of(
                new PolicyRuleSetting("weekend-freeze", null, null, List.of("production"), null, null, null, null, null,
                        List.of(new TimeWindowSetting("fri 16:00", "mon 08:00", "Europe/Berlin")), PolicyDecisionKind.APPROVE, Role.ADMIN,
                        1, null, null),
                new PolicyRuleSetting("llm-pause-runaway-agent", List.of("pause-agent"), null, null, null, null, List.of("llm-agent-loop"),
                        null, new ObservationCondition("llm_trace_generations", 20.0, null), null, PolicyDecisionKind.AUTO, null, null,
                        null, null),
                new PolicyRuleSetting("two-admins-for-payments", null, null, null, List.of("payments", "ledger"), List.of("WARNING",
                        "CRITICAL"), null, Map.of("team", "pay.*"), null, null, PolicyDecisionKind.APPROVE, Role.ADMIN, 2, null, null),
                new PolicyRuleSetting("auto-low", null, List.of("LOW"), null, null, null, null, null, null, null, PolicyDecisionKind.AUTO,
                        null, null, 3, null),
                new PolicyRuleSetting("deny-critical", null, List.of("CRITICAL"), null, null, null, null, null, null, null,
                        PolicyDecisionKind.DENY, null, null, null, "never unattended")));
    }

    @Test
    void replacesTheConfiguredRulesAsAWholeBecauseTheirOrderIsTheirMeaning() {
        assertThat(SettingContracts.find("policy.rules").orElseThrow()).isSameAs(SettingContracts.POLICY_RULES);
        assertThat(SettingContracts.POLICY_RULES.merge()).isEqualTo(Merge.REPLACE);
        assertThat(SettingContracts.find("policy.rules.auto-low")).as("no rule on its own: its place in the list matters").isEmpty();
    }

    @Test
    void anAsteriskOrNothingMatchesAnythingAndApprovalsDefaultToOneOperator() {
        PolicyRuleSetting rule = (PolicyRuleSetting) ((List<?>) read("""
                [{"name": "approve-all", "playbook": "*", "risk": ["low", "*"], "decision": "approve"}]""")).getFirst();

        assertThat(rule.playbook()).isEmpty();
        assertThat(rule.risk()).isEmpty();
        assertThat(rule.role()).isEqualTo(Role.OPERATOR);
        assertThat(rule.approvals()).isEqualTo(1);
    }

    @Test
    void whatIsWrittenBackReadsTheSame() {
        List<?> rules = (List<?>) read("""
                [{"name": "freeze", "environment": "production", "decision": "approve", "role": "admin", "approvals": 2,
                  "windows": [{"from": "2026-12-21T00:00", "to": "2027-01-04T08:00", "zone": "Europe/Berlin"}]}]""");

        assertThat(SettingContracts.POLICY_RULES.read("policy.rules", SettingJson.tree(rules))).isEqualTo(rules);
    }

    static Stream<Arguments> windows() {
        return Stream.of(
                Arguments.of("fri 16:00", new TimeWindowSetting.Bound(TimeWindowSetting.Form.WEEKLY, DayOfWeek.FRIDAY, LocalTime.of(16, 0), null)),
                Arguments.of("Monday 8:00", new TimeWindowSetting.Bound(TimeWindowSetting.Form.WEEKLY, DayOfWeek.MONDAY, LocalTime.of(8, 0), null)),
                Arguments.of("22:30", new TimeWindowSetting.Bound(TimeWindowSetting.Form.DAILY, null, LocalTime.of(22, 30), null)),
                Arguments.of("2026-12-21T00:00", new TimeWindowSetting.Bound(TimeWindowSetting.Form.ONCE, null, null,
                        LocalDateTime.of(2026, 12, 21, 0, 0))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("windows")
    void readsTheThreeFormsOfAWindowsEnds(String written, TimeWindowSetting.Bound expected) {
        assertThat(TimeWindowSetting.parse(written, "from")).isEqualTo(expected);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("not a list", "{\"name\": \"x\", \"decision\": \"auto\"}", "policy.rules: the value must be a JSON array"),
                Arguments.of("a misspelt field", "[{\"name\": \"x\", \"enviroment\": \"production\", \"decision\": \"auto\"}]",
                        "policy.rules[0]: unknown field \"enviroment\" (known fields: approvals, decision, detector-rule, environment, "),
                Arguments.of("a rule without a name", "[{\"risk\": \"low\", \"decision\": \"auto\"}]",
                        "policy.rules[0]: name is required: decisions name the rule that made them"),
                Arguments.of("a rule named like a brake", "[{\"name\": \"brake:global\", \"decision\": \"auto\"}]",
                        "policy.rules[0]: name must be lowercase letters, digits and dashes"),
                Arguments.of("a rule named like the default", "[{\"name\": \"default-deny\", \"decision\": \"auto\"}]",
                        "policy.rules[0]: name 'default-deny' is reserved"),
                Arguments.of("a rule without a decision", "[{\"name\": \"x\", \"risk\": \"low\"}]",
                        "policy.rules[0]: rule 'x': decision is required: auto, approve or deny"),
                Arguments.of("a decision that does not exist", "[{\"name\": \"x\", \"decision\": \"maybe\"}]",
                        "policy.rules[0].decision: "),
                Arguments.of("a misspelt risk", "[{\"name\": \"ok\", \"decision\": \"auto\"}, {\"name\": \"typo\", \"risk\": \"meduim\", "
                        + "\"decision\": \"auto\"}]", "policy.rules[1]: rule 'typo': risk 'meduim' is not one of low, medium, high, critical (or *)"),
                Arguments.of("a misspelt severity", "[{\"name\": \"x\", \"severity\": \"urgent\", \"decision\": \"auto\"}]",
                        "policy.rules[0]: rule 'x': severity 'urgent' is not one of info, warning, critical (or *)"),
                Arguments.of("a blank value", "[{\"name\": \"x\", \"playbook\": [\"\"], \"decision\": \"auto\"}]",
                        "policy.rules[0]: rule 'x': playbook has a blank value"),
                Arguments.of("viewers approving", "[{\"name\": \"x\", \"decision\": \"approve\", \"role\": \"viewer\"}]",
                        "policy.rules[0]: rule 'x': role must be operator or admin"),
                Arguments.of("too many approvers", "[{\"name\": \"x\", \"decision\": \"approve\", \"approvals\": 6}]",
                        "policy.rules[0]: rule 'x': approvals must be between 1 and 5, was 6"),
                Arguments.of("approvers for an automatic rule", "[{\"name\": \"x\", \"decision\": \"auto\", \"approvals\": 2}]",
                        "policy.rules[0]: rule 'x': approvals only applies to decision approve, the decision is auto"),
                Arguments.of("a blast radius limit on a denial", "[{\"name\": \"x\", \"decision\": \"deny\", \"max-blast-radius\": 2}]",
                        "policy.rules[0]: rule 'x': max-blast-radius only applies to decision auto"),
                Arguments.of("a blast radius of nothing", "[{\"name\": \"x\", \"decision\": \"auto\", \"max-blast-radius\": 0}]",
                        "policy.rules[0]: rule 'x': max-blast-radius must be at least 1, was 0"),
                Arguments.of("a reason for an approval", "[{\"name\": \"x\", \"decision\": \"approve\", \"reason\": \"because\"}]",
                        "policy.rules[0]: rule 'x': reason only applies to decision deny"),
                Arguments.of("a window without a zone", "[{\"name\": \"freeze\", \"decision\": \"deny\", "
                        + "\"windows\": [{\"from\": \"fri 16:00\", \"to\": \"mon 08:00\"}]}]",
                        "policy.rules[0]: rule 'freeze': windows[0].zone is required, e.g. Europe/Berlin"),
                Arguments.of("a zone that does not exist", "[{\"name\": \"freeze\", \"decision\": \"deny\", "
                        + "\"windows\": [{\"from\": \"fri 16:00\", \"to\": \"mon 08:00\", \"zone\": \"Europe/Berln\"}]}]",
                        "policy.rules[0]: rule 'freeze': windows[0].zone 'Europe/Berln' is not a time zone"),
                Arguments.of("a day that does not exist", "[{\"name\": \"freeze\", \"decision\": \"deny\", "
                        + "\"windows\": [{\"from\": \"fry 16:00\", \"to\": \"mon 08:00\", \"zone\": \"UTC\"}]}]",
                        "policy.rules[0]: rule 'freeze': windows[0].from names no day of the week: 'fry'"),
                Arguments.of("a time that does not exist", "[{\"name\": \"freeze\", \"decision\": \"deny\", "
                        + "\"windows\": [{\"from\": \"25:00\", \"to\": \"06:00\", \"zone\": \"UTC\"}]}]",
                        "policy.rules[0]: rule 'freeze': windows[0].from '25:00' is not"),
                Arguments.of("ends written differently", "[{\"name\": \"freeze\", \"decision\": \"deny\", "
                        + "\"windows\": [{\"from\": \"fri 16:00\", \"to\": \"08:00\", \"zone\": \"UTC\"}]}]",
                        "policy.rules[0]: rule 'freeze': windows[0]: from and to must be written alike"),
                Arguments.of("an empty or endless window", "[{\"name\": \"freeze\", \"decision\": \"deny\", "
                        + "\"windows\": [{\"from\": \"08:00\", \"to\": \"08:00\", \"zone\": \"UTC\"}]}]",
                        "policy.rules[0]: rule 'freeze': windows[0]: from and to are the same"),
                Arguments.of("a dated window that ends before it starts", "[{\"name\": \"freeze\", \"decision\": \"deny\", "
                        + "\"windows\": [{\"from\": \"2027-01-04T08:00\", \"to\": \"2026-12-21T00:00\", \"zone\": \"UTC\"}]}]",
                        "policy.rules[0]: rule 'freeze': windows[0]: to (2026-12-21T00:00) must be after from"),
                Arguments.of("a label matcher RE2 refuses", "[{\"name\": \"x\", \"labels\": {\"team\": \"(?=pay).*\"}, \"decision\": \"auto\"}]",
                        "policy.rules[0]: rule 'x': labels.team is not a valid regular expression"),
                Arguments.of("an observation without a bound", "[{\"name\": \"x\", \"observation\": {\"signal\": \"s\"}, \"decision\": \"auto\"}]",
                        "policy.rules[0]: rule 'x': observation needs 'above' or 'below'"),
                Arguments.of("an observation nothing could match", "[{\"name\": \"x\", \"observation\": {\"signal\": \"s\", \"above\": 5, "
                        + "\"below\": 1}, \"decision\": \"auto\"}]", "policy.rules[0]: rule 'x': observation.above (5.0) must be under"),
                Arguments.of("two rules of one name", "[{\"name\": \"x\", \"decision\": \"auto\"}, {\"name\": \"x\", \"decision\": \"deny\"}]",
                        "policy.rules: two rules are named 'x'"),
                Arguments.of("a null rule", "[null]", "policy.rules: rule [0] is empty"),
                Arguments.of("too many values in one rule", "[{\"name\": \"x\", \"playbook\": [" + IntStream.range(0, 51)
                        .mapToObj(i -> "\"p" + i + "\"").collect(Collectors.joining(",")) + "], \"decision\": \"auto\"}]",
                        "policy.rules[0]: rule 'x': playbook lists 51 values, at most 50"),
                Arguments.of("an oversized rule set", IntStream.range(0, PolicyRuleSetting.MAX_RULES + 1)
                        .mapToObj(i -> "{\"name\": \"r" + i + "\", \"decision\": \"deny\"}").collect(Collectors.joining(",", "[", "]")),
                        "policy.rules: the policy has 101 rules, at most 100"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusesARuleSetThatCannotMeanWhatItsAuthorIntendedNamingTheRuleAndTheField(String scenario, String value, String message) {
        assertThatThrownBy(() -> read(value)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    }

    private static Object read(String json) {
        return SettingContracts.read("policy.rules", JSON.readTree(json));
    }
}
