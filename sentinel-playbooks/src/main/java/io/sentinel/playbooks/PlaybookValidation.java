package io.sentinel.playbooks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Whether a playbook read from a file can be run safely; the first problem found, if any. */
final class PlaybookValidation {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private PlaybookValidation() {
    }

    static Optional<String> problemWith(Playbook playbook) {
        if (playbook.id() == null || !ID.matcher(playbook.id()).matches()) {
            return Optional.of("id must be lowercase letters, digits and dashes, was '" + playbook.id() + "'");
        }
        Optional<String> problem = structureProblem(playbook).or(() -> parameterProblem(playbook)).or(() -> labelProblem(playbook));
        if (problem.isPresent()) {
            return problem;
        }
        for (Placed placed : placed(playbook)) {
            Optional<String> stepProblem = stepProblem(playbook, placed.step(), placed.place());
            if (stepProblem.isPresent()) {
                return stepProblem;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> stepProblem(Playbook playbook, PlaybookStep step, StepPlace place) {
        if (step.name() == null || step.name().isBlank()) {
            return Optional.of("every step needs a name");
        }
        if (step.action() == null) {
            return Optional.of("step '" + step.name() + "' needs an action, written under the key of its kind: " + PlaybookStep.KINDS);
        }
        if (step.hasSeveralActions()) {
            return Optional.of("step '" + step.name() + "' has actions of more than one kind (" + PlaybookStep.KINDS + "); a step does "
                    + "one thing");
        }
        return switch (step.action()) {
            case HttpRequestSpec http -> httpProblem(playbook, step, http, place == StepPlace.SNAPSHOT);
            case KubernetesAction kubernetes -> KubernetesRules.problemWith(playbook, step, kubernetes, place)
                    .map(problem -> "playbook '" + playbook.id() + "' " + problem);
        };
    }

    private static Optional<String> httpProblem(Playbook playbook, PlaybookStep step, HttpRequestSpec http, boolean snapshotStep) {
        if (http.url() == null) {
            return Optional.of("step '" + step.name() + "' needs an http action with a url");
        }
        return TemplateRules.problemWith(playbook, step, snapshotStep).map(problem -> "playbook '" + playbook.id() + "' " + problem);
    }

    /** Every step with where it stands: the snapshot, the steps, the checks, the rollback. */
    private static List<Placed> placed(Playbook playbook) {
        List<Placed> placed = new ArrayList<>();
        if (playbook.snapshot() != null) {
            placed.add(new Placed(PlaybookStep.of(Playbook.SNAPSHOT_STEP, playbook.snapshot()), StepPlace.SNAPSHOT));
        }
        playbook.steps().forEach(step -> placed.add(new Placed(step, StepPlace.STEP)));
        playbook.verify().checks().forEach(step -> placed.add(new Placed(step, StepPlace.CHECK)));
        playbook.rollback().forEach(step -> placed.add(new Placed(step, StepPlace.ROLLBACK)));
        return placed;
    }

    private record Placed(PlaybookStep step, StepPlace place) {
    }

    private static Optional<String> structureProblem(Playbook playbook) {
        if (playbook.description() == null || playbook.description().isBlank()) {
            return Optional.of("description is required: it is what analysts and approvers read");
        }
        if (playbook.risk() == null) {
            return Optional.of("risk is required (low, medium, high or critical)");
        }
        if (playbook.steps().isEmpty()) {
            return Optional.of("at least one step is required");
        }
        if (playbook.verify() == null) {
            return Optional.of("verify is required: a remediation that cannot be verified cannot be trusted");
        }
        return Optional.empty();
    }

    private static Optional<String> parameterProblem(Playbook playbook) {
        for (Map.Entry<String, ParameterSpec> entry : playbook.parameters().entrySet()) {
            if (entry.getValue() == null || entry.getValue().pattern() == null) {
                return Optional.of("parameter '" + entry.getKey() + "' needs a pattern that bounds its values");
            }
            try {
                Pattern.compile(entry.getValue().pattern());
            } catch (PatternSyntaxException e) {
                return Optional.of("parameter '" + entry.getKey() + "' has an invalid pattern: " + e.getDescription());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> labelProblem(Playbook playbook) {
        for (Map.Entry<String, LabelSpec> entry : playbook.labels().entrySet()) {
            Optional<String> problem = TemplateRules.labelProblem(entry.getKey(), entry.getValue());
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }
}
