package io.sentinel.policy.rules;

import io.sentinel.events.analysis.Risk;
import io.sentinel.events.approval.Role;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * "Proposals to run {@code playbook} at {@code risk} in {@code environment} are {@code decision}":
 * one line of policy-as-code. {@code *} matches anything.
 *
 * @param risk     {@code *} or a risk level (low, medium, high, critical), stored upper-case
 * @param role     who may approve, when {@code decision} is approve; higher roles may too
 */
public record PolicyRule(String name, @DefaultValue(PolicyRule.ANY) String playbook, @DefaultValue(PolicyRule.ANY) String risk,
                         @DefaultValue(PolicyRule.ANY) String environment, Decision decision, @DefaultValue("operator") Role role) {

    public static final String ANY = "*";

    public enum Decision {
        /** Run without asking anyone. */
        AUTO,
        /** Run once a person with the rule's role (or higher) approves. */
        APPROVE,
        /** Never run; nobody can approve it. */
        DENY
    }

    public PolicyRule {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(PolicyProperties.PREFIX + ".rules: every rule needs a name");
        }
        playbook = orAny(playbook);
        risk = normalizedRisk(name, orAny(risk));
        environment = orAny(environment);
        if (decision == null) {
            throw new IllegalArgumentException(PolicyProperties.PREFIX + ".rules: rule '" + name + "' needs a decision: auto, approve or deny");
        }
        role = role == null ? Role.OPERATOR : role;
    }

    public boolean matches(String playbookId, Risk actualRisk, String actualEnvironment) {
        return (ANY.equals(playbook) || playbook.equals(playbookId))
                && (ANY.equals(risk) || risk.equals(actualRisk.name()))
                && (ANY.equals(environment) || environment.equals(actualEnvironment));
    }

    private static String orAny(String value) {
        return value == null || value.isBlank() ? ANY : value.trim();
    }

    private static String normalizedRisk(String name, String risk) {
        if (ANY.equals(risk)) {
            return ANY;
        }
        String upper = risk.toUpperCase(Locale.ROOT);
        if (Arrays.stream(Risk.values()).noneMatch(level -> level.name().equals(upper))) {
            throw new IllegalArgumentException(PolicyProperties.PREFIX + ".rules: rule '" + name + "' has risk '" + risk + "'; expected '*' or one of "
                    + Arrays.stream(Risk.values()).map(level -> level.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
        }
        return upper;
    }
}
