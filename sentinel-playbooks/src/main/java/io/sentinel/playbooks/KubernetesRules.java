package io.sentinel.playbooks;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a {@code kubernetes:} step may say. It acts on the inventory target and nothing else, so its
 * few values (a replica count, a pod name) may only come from the proposal's parameters or the
 * declared, pattern-bounded labels; every change needs the kubernetes snapshot its restore reads;
 * checks only read; a scale names its bounds.
 */
final class KubernetesRules {

    private static final Pattern WHOLE_NUMBER = Pattern.compile("[0-9]{1,9}");
    private static final Pattern INCREASE = Pattern.compile("\\+[0-9]{1,9}");
    private static final Pattern OBJECT_NAME = Pattern.compile("(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private KubernetesRules() {
    }

    /** What is wrong with the step, if anything; the message names the step. */
    static Optional<String> problemWith(Playbook playbook, PlaybookStep step, KubernetesAction action, StepPlace place) {
        String prefix = "step '" + step.name() + "' ";
        Optional<KubernetesOperation> named = action.operation();
        if (named.isEmpty()) {
            return Optional.of(prefix + "has kubernetes action '" + action.action() + "', which is not one of "
                    + KubernetesOperation.allWritten());
        }
        KubernetesOperation operation = named.get();
        if (!operation.allowedIn(place)) {
            return Optional.of(prefix + misplaced(operation, place));
        }
        if (operation.restores() && !(playbook.snapshot() instanceof KubernetesAction)) {
            return Optional.of(prefix + "'" + operation.written() + "' puts back what the snapshot read, but the playbook has no "
                    + "kubernetes snapshot: add snapshot: {kubernetes: {action: snapshot}}");
        }
        if (action.timeout().isNegative() || action.timeout().isZero()) {
            return Optional.of(prefix + "needs a positive timeout, was " + action.timeout());
        }
        Optional<String> values = valueProblem(operation, action).map(problem -> prefix + problem);
        if (values.isPresent()) {
            return values;
        }
        for (String template : action.templates()) {
            Optional<String> problem = templateProblem(playbook, template, template.equals(action.pod())).map(p -> prefix + p);
            if (problem.isPresent()) {
                return problem;
            }
        }
        if (place == StepPlace.CHECK && action.timeout().compareTo(playbook.verify().window()) > 0) {
            return Optional.of(prefix + "waits up to " + action.timeout() + " for the rollout, longer than the verification window "
                    + playbook.verify().window() + ": the check must be able to finish within it");
        }
        return Optional.empty();
    }

    private static String misplaced(KubernetesOperation operation, StepPlace place) {
        if (place == StepPlace.SNAPSHOT) {
            return "is the playbook's snapshot, so its kubernetes action must be 'snapshot', was '" + operation.written() + "'";
        }
        if (operation == KubernetesOperation.SNAPSHOT) {
            return "has kubernetes action 'snapshot', which only the playbook's snapshot may have: snapshot: {kubernetes: {action: snapshot}}";
        }
        if (operation.restores()) {
            return "has kubernetes action '" + operation.written() + "', which undoes a change: it belongs under rollback";
        }
        if (place == StepPlace.CHECK) {
            return "is a verification check, which may only read (rollout-status), not '" + operation.written() + "'";
        }
        return "has kubernetes action '" + operation.written() + "', which cannot stand " + switch (place) {
            case ROLLBACK -> "in a rollback";
            default -> "among the steps";
        };
    }

    private static Optional<String> valueProblem(KubernetesOperation operation, KubernetesAction action) {
        boolean scale = operation == KubernetesOperation.SCALE;
        if (!scale && (action.replicas() != null || action.minReplicas() != null || action.maxReplicas() != null
                || action.upOnly() != null)) {
            return Optional.of("sets replicas, min-replicas, max-replicas or up-only, which only 'scale' takes");
        }
        if (operation != KubernetesOperation.DELETE_POD && action.pod() != null) {
            return Optional.of("sets pod, which only 'delete-pod' takes");
        }
        if (operation == KubernetesOperation.DELETE_POD && action.pod() != null && action.pod().isBlank()) {
            return Optional.of("names a blank pod: leave pod out for the target's least healthy pod, or set it, e.g. \"{{labels.pod}}\"");
        }
        if (!scale) {
            return Optional.empty();
        }
        if (action.replicas() == null || action.replicas().isBlank()) {
            return Optional.of("scales but sets no replicas, e.g. \"{{params.replicas}}\"");
        }
        if (action.maxReplicas() == null) {
            return Optional.of("scales without max-replicas: the playbook must bound what a proposal may ask for");
        }
        if (action.fewestReplicas() < 0 || action.maxReplicas() < action.fewestReplicas()) {
            return Optional.of("needs 0 <= min-replicas <= max-replicas, was " + action.fewestReplicas() + " and " + action.maxReplicas());
        }
        Template replicas;
        try {
            replicas = Template.parse(action.replicas());
        } catch (IllegalArgumentException malformed) {
            return Optional.of("has a malformed template: " + malformed.getMessage());
        }
        if (!replicas.hasVariables()) {
            if (INCREASE.matcher(action.replicas()).matches()) {
                return Optional.empty();
            }
            if (!WHOLE_NUMBER.matcher(action.replicas()).matches()) {
                return Optional.of("replicas '" + action.replicas() + "' is not a whole number (5) or an increase (+1)");
            }
            int count = Integer.parseInt(action.replicas());
            if (count < action.fewestReplicas() || count > action.maxReplicas()) {
                return Optional.of("replicas " + count + " is outside min-replicas " + action.fewestReplicas() + " and max-replicas "
                        + action.maxReplicas());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> templateProblem(Playbook playbook, String source, boolean objectName) {
        Template template;
        try {
            template = Template.parse(source);
        } catch (IllegalArgumentException malformed) {
            return Optional.of("has a malformed template: " + malformed.getMessage());
        }
        if (objectName && !template.hasVariables() && !OBJECT_NAME.matcher(source).matches()) {
            return Optional.of("has the pod '" + source + "', which is not a Kubernetes object name");
        }
        for (String variable : template.variables()) {
            if (variable.startsWith(TemplateNames.PARAMS)) {
                if (!playbook.parameters().containsKey(variable.substring(TemplateNames.PARAMS.length()))) {
                    return Optional.of("uses {{" + variable + "}} but the playbook declares no such parameter");
                }
            } else if (variable.startsWith(TemplateNames.LABELS)) {
                String label = variable.substring(TemplateNames.LABELS.length());
                if (!playbook.labels().containsKey(label)) {
                    return Optional.of("uses {{" + variable + "}} but the playbook declares no label '" + label + "' under labels: labels "
                            + "are written by a signal's sender, so each one used needs a pattern that bounds it");
                }
            } else {
                return Optional.of("uses {{" + variable + "}}, but a kubernetes step acts on the inventory target only: its values may "
                        + "come from {{params.<name>}} and declared {{labels.<name>}} alone");
            }
        }
        return Optional.empty();
    }
}
