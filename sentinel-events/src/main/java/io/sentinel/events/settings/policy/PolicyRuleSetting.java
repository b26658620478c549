package io.sentinel.events.settings.policy;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.sentinel.events.analysis.Risk;
import io.sentinel.events.approval.Role;
import io.sentinel.events.decision.ApprovalRequested;
import io.sentinel.events.incident.Severity;
import io.sentinel.events.settings.detector.LabelPatterns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One rule of policy-as-code: "proposals that match all of this are decided {@code decision}". The
 * rules are an ordered list; the first rule that matches a proposal decides it, and a proposal no rule
 * matches is denied. A condition left out (or {@code *}) matches anything; a list matches any of its
 * values; a single value may be written without brackets. Configured under
 * {@code sentinel.policy.rules}; the runtime setting {@code policy.rules} replaces the whole list.
 *
 * @param playbook      the proposed playbook's id
 * @param risk          low, medium, high, critical: the proposal's risk (the playbook's, raised by environment)
 * @param environment   the target's environment by the inventory (the most sensitive one for an unlisted target)
 * @param namespace     the target's Kubernetes namespace by the inventory; a target without one matches only rules
 *                      that name no namespace
 * @param severity      info, warning, critical: the incident's severity as the detector last reported it
 * @param detectorRule  the detector rule that opened the incident ({@code memory-usage-high}, {@code llm-agent-loop},
 *                      {@code alert:KubePodCrashLooping}); {@code llm-*} matches every name starting with {@code llm-}
 * @param labels        label → RE2 regular expression the incident's label must match in full (a label the
 *                      incident lacks is "")
 * @param observation   what the detector measured, e.g. {@code llm_trace_generations} above 20
 * @param windows       the rule applies only while now is inside one of these windows (a change freeze)
 * @param decision      auto, approve or deny
 * @param role          approve: who may approve (or anyone with a higher role); default operator
 * @param approvals     approve: how many distinct people must approve; default 1, at most 5
 * @param maxBlastRadius auto: the most a proposal may declare it affects (its {@code blast-radius} parameter,
 *                      e.g. replicas) and still run alone; beyond that, or undeclared, it needs approval
 * @param reason        deny: what the block says; default names the rule
 */
public record PolicyRuleSetting(
        String name,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> playbook,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> risk,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> environment,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> namespace,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> severity,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> detectorRule,
        Map<String, String> labels,
        ObservationCondition observation,
        List<TimeWindowSetting> windows,
        PolicyDecisionKind decision,
        Role role,
        Integer approvals,
        Integer maxBlastRadius,
        String reason) {

    /** Written instead of a value: anything. */
    public static final String ANY = "*";
    public static final int MAX_NAME_LENGTH = 63;
    /** Per list of values (playbooks, environments, ...), label matchers and windows: a rule is read by people. */
    public static final int MAX_VALUES = 50;
    public static final int MAX_REASON_LENGTH = 500;
    /** A policy longer than this cannot be reviewed (nor matched in a moment); lists of values keep real policies far shorter. */
    public static final int MAX_RULES = 100;
    /** Names the policy service gives decisions itself; a rule named so would make the audit trail ambiguous. */
    public static final Set<String> RESERVED_NAMES = Set.of("default-deny", "unlisted-target");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    public PolicyRuleSetting {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name is required: decisions name the rule that made them");
        }
        if (name.length() > MAX_NAME_LENGTH || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must be lowercase letters, digits and dashes (at most " + MAX_NAME_LENGTH
                    + "), was '" + name + "'");
        }
        if (RESERVED_NAMES.contains(name)) {
            throw new IllegalArgumentException("name '" + name + "' is reserved for decisions the policy service makes itself");
        }
        String rule = "rule '" + name + "': ";
        playbook = values(playbook, rule, "playbook", null);
        risk = values(risk, rule, "risk", Arrays.stream(Risk.values()).map(Enum::name).toList());
        environment = values(environment, rule, "environment", null);
        namespace = values(namespace, rule, "namespace", null);
        severity = values(severity, rule, "severity", Arrays.stream(Severity.values()).map(Enum::name).toList());
        detectorRule = values(detectorRule, rule, "detector-rule", null);
        labels = labels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        if (labels.size() > MAX_VALUES) {
            throw new IllegalArgumentException(rule + "labels has " + labels.size() + " matchers, at most " + MAX_VALUES);
        }
        if (!labels.isEmpty()) {
            try {
                LabelPatterns.compile(labels, "labels");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(rule + e.getMessage(), e);
            }
        }
        checkObservation(observation, rule);
        windows = windows == null ? List.of() : List.copyOf(windows);
        if (windows.size() > MAX_VALUES) {
            throw new IllegalArgumentException(rule + "windows has " + windows.size() + " windows, at most " + MAX_VALUES);
        }
        for (int i = 0; i < windows.size(); i++) {
            checkWindow(windows.get(i), rule, "windows[" + i + "]");
        }
        if (decision == null) {
            throw new IllegalArgumentException(rule + "decision is required: auto, approve or deny");
        }
        if (decision != PolicyDecisionKind.APPROVE && (role != null || approvals != null)) {
            throw new IllegalArgumentException(rule + (role != null ? "role" : "approvals") + " only applies to decision approve, the "
                    + "decision is " + decision.name().toLowerCase(Locale.ROOT));
        }
        if (decision == PolicyDecisionKind.APPROVE) {
            role = role == null ? Role.OPERATOR : role;
            if (role == Role.VIEWER) {
                throw new IllegalArgumentException(rule + "role must be operator or admin: viewers may not approve anything");
            }
            approvals = approvals == null ? 1 : approvals;
            if (approvals < 1 || approvals > ApprovalRequested.MAX_REQUIRED_APPROVALS) {
                throw new IllegalArgumentException(rule + "approvals must be between 1 and " + ApprovalRequested.MAX_REQUIRED_APPROVALS
                        + ", was " + approvals);
            }
        }
        if (maxBlastRadius != null) {
            if (decision != PolicyDecisionKind.AUTO) {
                throw new IllegalArgumentException(rule + "max-blast-radius only applies to decision auto: it says how much may run alone");
            }
            if (maxBlastRadius < 1) {
                throw new IllegalArgumentException(rule + "max-blast-radius must be at least 1, was " + maxBlastRadius);
            }
        }
        if (reason != null) {
            if (decision != PolicyDecisionKind.DENY) {
                throw new IllegalArgumentException(rule + "reason only applies to decision deny");
            }
            if (reason.isBlank() || reason.length() > MAX_REASON_LENGTH) {
                throw new IllegalArgumentException(rule + "reason must be 1 to " + MAX_REASON_LENGTH + " characters");
            }
        }
    }

    /** One rule without conditions on incidents, windows or limits: the shape of the shipped risk rules. */
    public static PolicyRuleSetting of(String name, List<String> playbook, List<String> risk, List<String> environment,
                                       PolicyDecisionKind decision, Role role) {
        return new PolicyRuleSetting(name, playbook, risk, environment, null, null, null, null, null, null, decision,
                decision == PolicyDecisionKind.APPROVE ? role : null, null, null, null);
    }

    /** The list as a whole: no empty entry, no name twice, at most {@value #MAX_RULES} rules. */
    public static List<PolicyRuleSetting> checkList(List<PolicyRuleSetting> rules) {
        if (rules == null) {
            return List.of();
        }
        if (rules.size() > MAX_RULES) {
            throw new IllegalArgumentException("the policy has " + rules.size() + " rules, at most " + MAX_RULES
                    + ": a policy that long cannot be reviewed; merge rules with lists of values");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            PolicyRuleSetting rule = rules.get(i);
            if (rule == null) {
                throw new IllegalArgumentException("rule [" + i + "] is empty");
            }
            if (!names.add(rule.name())) {
                throw new IllegalArgumentException("two rules are named '" + rule.name() + "': decisions name the rule that made them");
            }
        }
        return List.copyOf(rules);
    }

    /**
     * Normalized: {@code *} anywhere means anything (an empty list); risks and severities upper-case and
     * checked against their levels.
     */
    private static List<String> values(List<String> written, String rule, String field, List<String> levels) {
        if (written == null || written.isEmpty()) {
            return List.of();
        }
        if (written.size() > MAX_VALUES) {
            throw new IllegalArgumentException(rule + field + " lists " + written.size() + " values, at most " + MAX_VALUES);
        }
        List<String> values = new ArrayList<>();
        for (String value : written) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(rule + field + " has a blank value; leave the field out to match anything");
            }
            String trimmed = value.trim();
            if (ANY.equals(trimmed)) {
                return List.of();
            }
            if (levels != null) {
                String upper = trimmed.toUpperCase(Locale.ROOT);
                if (!levels.contains(upper)) {
                    throw new IllegalArgumentException(rule + field + " '" + value + "' is not one of " + levels.stream()
                            .map(level -> level.toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) + " (or *)");
                }
                trimmed = upper;
            } else if (trimmed.length() > 253) {
                throw new IllegalArgumentException(rule + field + " has a value longer than 253 characters");
            }
            values.add(trimmed);
        }
        return List.copyOf(values);
    }

    private static void checkObservation(ObservationCondition observation, String rule) {
        if (observation == null) {
            return;
        }
        if (observation.signal() == null || observation.signal().isBlank()) {
            throw new IllegalArgumentException(rule + "observation.signal is required, e.g. llm_trace_generations");
        }
        if (observation.above() == null && observation.below() == null) {
            throw new IllegalArgumentException(rule + "observation needs 'above' or 'below' (or both)");
        }
        if (observation.above() != null && !Double.isFinite(observation.above())) {
            throw new IllegalArgumentException(rule + "observation.above must be a finite number");
        }
        if (observation.below() != null && !Double.isFinite(observation.below())) {
            throw new IllegalArgumentException(rule + "observation.below must be a finite number");
        }
        if (observation.above() != null && observation.below() != null && observation.above() >= observation.below()) {
            throw new IllegalArgumentException(rule + "observation.above (" + observation.above() + ") must be under observation.below ("
                    + observation.below() + "), or nothing could match");
        }
    }

    private static void checkWindow(TimeWindowSetting window, String rule, String field) {
        if (window == null) {
            throw new IllegalArgumentException(rule + field + " is empty");
        }
        try {
            TimeWindowSetting.Bound from = TimeWindowSetting.parse(window.from(), field + ".from");
            TimeWindowSetting.Bound to = TimeWindowSetting.parse(window.to(), field + ".to");
            TimeWindowSetting.zone(window.zone(), field + ".zone");
            if (from.form() != to.form()) {
                throw new IllegalArgumentException(field + ": from and to must be written alike (both 'fri 16:00', both '22:00' or both "
                        + "'2026-12-21T00:00'), were '" + window.from() + "' and '" + window.to() + "'");
            }
            if (from.equals(to)) {
                throw new IllegalArgumentException(field + ": from and to are the same ('" + window.from() + "'), so it is unclear whether "
                        + "the window is empty or always");
            }
            if (from.form() == TimeWindowSetting.Form.ONCE && !to.dateTime().isAfter(from.dateTime())) {
                throw new IllegalArgumentException(field + ": to (" + window.to() + ") must be after from (" + window.from() + ")");
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(rule + e.getMessage(), e);
        }
    }
}
