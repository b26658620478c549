package io.sentinel.playbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentinel.events.analysis.ProposedAction;
import io.sentinel.events.analysis.Risk;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KubernetesPlaybooksTest {

    private static final PlaybookCatalog SHIPPED = PlaybookCatalog.load(ShippedPlaybooks.KUBERNETES.location());

    @Test
    void theShippedKubernetesPlaybooksLoadAndPassTheCatalogsValidation() {
        assertThat(SHIPPED.all()).extracting(Playbook::id)
                .containsExactlyInAnyOrder("k8s-rollout-restart", "k8s-scale-up", "k8s-rollout-undo", "k8s-delete-pod");
        assertThat(SHIPPED.all()).allSatisfy(playbook -> {
            assertThat(playbook.description()).hasSizeGreaterThan(100);
            assertThat(playbook.usesTarget()).as("a kubernetes step always acts on the inventory target").isTrue();
            assertThat(playbook.verify().checks()).singleElement().satisfies(check -> {
                assertThat(check.kubernetes().operation()).hasValue(KubernetesOperation.ROLLOUT_STATUS);
                assertThat(check.kubernetes().timeout()).isLessThanOrEqualTo(playbook.verify().window());
            });
        });
        assertThat(SHIPPED.all()).extracting(Playbook::id, Playbook::risk).containsExactlyInAnyOrder(
                org.assertj.core.api.Assertions.tuple("k8s-rollout-restart", Risk.MEDIUM),
                org.assertj.core.api.Assertions.tuple("k8s-scale-up", Risk.MEDIUM),
                org.assertj.core.api.Assertions.tuple("k8s-rollout-undo", Risk.HIGH),
                org.assertj.core.api.Assertions.tuple("k8s-delete-pod", Risk.LOW));
    }

    @Test
    void eachShippedChangeIsUndoneByTheRestoreOfWhatItChanged() {
        assertThat(operations(SHIPPED.find("k8s-rollout-restart").orElseThrow()))
                .containsExactly(KubernetesOperation.SNAPSHOT, KubernetesOperation.ROLLOUT_RESTART, KubernetesOperation.ROLLOUT_STATUS,
                        KubernetesOperation.RESTORE_RESTARTED_AT);
        assertThat(operations(SHIPPED.find("k8s-scale-up").orElseThrow()))
                .containsExactly(KubernetesOperation.SNAPSHOT, KubernetesOperation.SCALE, KubernetesOperation.ROLLOUT_STATUS,
                        KubernetesOperation.RESTORE_REPLICAS);
        assertThat(operations(SHIPPED.find("k8s-rollout-undo").orElseThrow()))
                .containsExactly(KubernetesOperation.SNAPSHOT, KubernetesOperation.ROLLOUT_UNDO, KubernetesOperation.ROLLOUT_STATUS,
                        KubernetesOperation.RESTORE_TEMPLATE);
        Playbook deletePod = SHIPPED.find("k8s-delete-pod").orElseThrow();
        assertThat(operations(deletePod)).as("a deleted pod cannot be put back: its controller replaces it")
                .containsExactly(KubernetesOperation.DELETE_POD, KubernetesOperation.ROLLOUT_STATUS);
        assertThat(deletePod.steps().getFirst().kubernetes().pod()).as("the executor picks the least healthy pod").isNull();
    }

    @Test
    void theShippedScaleUpAddsReplicasBoundedByItsPatternAndItsMaximum() {
        Playbook scaleUp = SHIPPED.find("k8s-scale-up").orElseThrow();
        KubernetesAction scale = scaleUp.steps().getFirst().kubernetes();

        assertThat(scale.maxReplicas()).isEqualTo(10);
        assertThat(scale.templates()).containsExactly("+{{params.by}}");
        assertThat(SHIPPED.check(new ProposedAction("k8s-scale-up", Map.of())).parameters()).as("a proposal need not know the count")
                .isEqualTo(Map.of("by", "1"));
        assertThat(SHIPPED.check(new ProposedAction("k8s-scale-up", Map.of("by", "5"))).valid()).isTrue();
        for (String tooMany : List.of("6", "10", "0", "-1", "1; rm -rf", "+1", "")) {
            assertThat(SHIPPED.check(new ProposedAction("k8s-scale-up", Map.of("by", tooMany))).problems()).as(tooMany)
                    .singleElement().asString().contains("does not match");
        }
        assertThat(SHIPPED.check(new ProposedAction("k8s-scale-up", Map.of("replicas", "50"))).problems())
                .containsExactly("playbook 'k8s-scale-up' has no parameter 'replicas'");
    }

    @Test
    void readsAKubernetesSnapshotAndStepsWithTheirTimeouts() {
        Playbook playbook = parse("""
                id: p
                description: d
                risk: low
                snapshot: {kubernetes: {action: snapshot, timeout: 2s}}
                steps: [{name: restart, kubernetes: {action: rollout-restart}}]
                verify: {window: 1m, checks: [{name: ready, kubernetes: {action: rollout-status, timeout: 45s}}]}
                rollback: [{name: undo, kubernetes: {action: restore-restarted-at}}]
                """);

        assertThat(playbook.snapshot()).isEqualTo(new KubernetesAction("snapshot", null, null, null, null, null, Duration.ofSeconds(2)));
        assertThat(playbook.steps().getFirst().kind()).isEqualTo("kubernetes");
        assertThat(playbook.steps().getFirst().action().timeout()).isEqualTo(KubernetesAction.DEFAULT_TIMEOUT);
        assertThat(playbook.verify().checks().getFirst().action().timeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(playbook.allSteps()).extracting(PlaybookStep::name).containsExactly("snapshot", "restart", "ready", "undo");
        assertThat(playbook.usesTarget()).isTrue();
    }

    @Test
    void anHttpSnapshotIsStillWrittenAsTheCallItselfOrUnderHttp() {
        Playbook flat = parse("""
                id: p
                description: d
                risk: low
                snapshot: {url: "{{target.url}}/config"}
                steps: [{name: s, http: {url: "{{target.url}}/x"}}]
                verify: {window: 1m}
                """);
        Playbook keyed = parse("""
                id: p
                description: d
                risk: low
                snapshot: {http: {url: "{{target.url}}/config"}}
                steps: [{name: s, http: {url: "{{target.url}}/x"}}]
                verify: {window: 1m}
                """);

        assertThat(flat.snapshot()).isInstanceOf(HttpRequestSpec.class).isEqualTo(keyed.snapshot());
        assertInvalid("""
                id: p
                description: d
                risk: low
                snapshot: {url: "{{target.url}}/config", kubernetes: {action: snapshot}}
                steps: [{name: s, http: {url: "{{target.url}}/x"}}]
                verify: {window: 1m}
                """, "not valid YAML for a playbook");
    }

    static Stream<Arguments> unsafeKubernetesSteps() {
        return Stream.of(
                unsafe("an unknown operation", "steps: [{name: s, kubernetes: {action: exec}}]",
                        "step 's' has kubernetes action 'exec', which is not one of [snapshot, rollout-restart"),
                unsafe("a snapshot among the steps", "steps: [{name: s, kubernetes: {action: snapshot}}]",
                        "which only the playbook's snapshot may have"),
                unsafe("a change as the snapshot", "snapshot: {kubernetes: {action: scale}}\nsteps: [{name: s, kubernetes: {action: rollout-restart}}]",
                        "step 'snapshot' is the playbook's snapshot, so its kubernetes action must be 'snapshot', was 'scale'"),
                unsafe("a restore among the steps", "snapshot: {kubernetes: {action: snapshot}}\nsteps: [{name: s, kubernetes: {action: restore-replicas}}]",
                        "which undoes a change: it belongs under rollback"),
                unsafe("a restore without a kubernetes snapshot",
                        "steps: [{name: s, kubernetes: {action: rollout-restart}}]\nrollback: [{name: r, kubernetes: {action: restore-restarted-at}}]",
                        "step 'r' 'restore-restarted-at' puts back what the snapshot read, but the playbook has no kubernetes snapshot"),
                unsafe("a restore after an http snapshot",
                        "snapshot: {url: \"{{target.url}}/x\"}\nsteps: [{name: s, kubernetes: {action: rollout-restart}}]\n"
                                + "rollback: [{name: r, kubernetes: {action: restore-restarted-at}}]",
                        "the playbook has no kubernetes snapshot"),
                unsafe("a check that changes something", "steps: [{name: s, kubernetes: {action: rollout-restart}}]",
                        "step 'c' is a verification check, which may only read (rollout-status), not 'delete-pod'",
                        "checks: [{name: c, kubernetes: {action: delete-pod}}]"),
                unsafe("a check that waits longer than the window", "steps: [{name: s, kubernetes: {action: rollout-restart}}]",
                        "step 'c' waits up to PT2M for the rollout, longer than the verification window PT1M",
                        "checks: [{name: c, kubernetes: {action: rollout-status, timeout: 2m}}]"),
                unsafe("a scale without a bound", "steps: [{name: s, kubernetes: {action: scale, replicas: \"{{params.n}}\"}}]",
                        "scales without max-replicas: the playbook must bound what a proposal may ask for"),
                unsafe("a scale without a count", "steps: [{name: s, kubernetes: {action: scale, max-replicas: 5}}]",
                        "scales but sets no replicas"),
                unsafe("a literal count above the bound", "steps: [{name: s, kubernetes: {action: scale, replicas: \"50\", max-replicas: 5}}]",
                        "replicas 50 is outside min-replicas 1 and max-replicas 5"),
                unsafe("a literal count that is no number", "steps: [{name: s, kubernetes: {action: scale, replicas: \"many\", max-replicas: 5}}]",
                        "replicas 'many' is not a whole number (5) or an increase (+1)"),
                unsafe("bounds the wrong way round",
                        "steps: [{name: s, kubernetes: {action: scale, replicas: \"{{params.n}}\", min-replicas: 6, max-replicas: 5}}]",
                        "needs 0 <= min-replicas <= max-replicas, was 6 and 5"),
                unsafe("a count from the target", "steps: [{name: s, kubernetes: {action: scale, replicas: \"{{target.name}}\", max-replicas: 5}}]",
                        "uses {{target.name}}, but a kubernetes step acts on the inventory target only"),
                unsafe("a pod from a secret", "steps: [{name: s, kubernetes: {action: delete-pod, pod: \"{{secrets.x}}\"}}]",
                        "uses {{secrets.x}}, but a kubernetes step acts on the inventory target only"),
                unsafe("a pod from an undeclared label", "steps: [{name: s, kubernetes: {action: delete-pod, pod: \"{{labels.pod}}\"}}]",
                        "uses {{labels.pod}} but the playbook declares no label 'pod'"),
                unsafe("a pod from an undeclared parameter", "steps: [{name: s, kubernetes: {action: delete-pod, pod: \"{{params.pod}}\"}}]",
                        "uses {{params.pod}} but the playbook declares no such parameter"),
                unsafe("a literal pod that no object could be named", "steps: [{name: s, kubernetes: {action: delete-pod, pod: \"../kube-system\"}}]",
                        "has the pod '../kube-system', which is not a Kubernetes object name"),
                unsafe("a pod on another operation", "steps: [{name: s, kubernetes: {action: rollout-restart, pod: \"web-1\"}}]",
                        "sets pod, which only 'delete-pod' takes"),
                unsafe("replicas on another operation", "steps: [{name: s, kubernetes: {action: rollout-restart, max-replicas: 3}}]",
                        "which only 'scale' takes"),
                unsafe("up-only on another operation", "steps: [{name: s, kubernetes: {action: rollout-undo, up-only: true}}]",
                        "which only 'scale' takes"),
                unsafe("a zero timeout", "steps: [{name: s, kubernetes: {action: rollout-restart, timeout: 0s}}]",
                        "needs a positive timeout"),
                unsafe("an undo in a rollback", "steps: [{name: s, kubernetes: {action: rollout-restart}}]",
                        "has kubernetes action 'rollout-undo', which cannot stand in a rollback",
                        "rollback: [{name: r, kubernetes: {action: rollout-undo}}]"),
                unsafe("a field the action does not have", "steps: [{name: s, kubernetes: {action: rollout-restart, namespace: kube-system}}]",
                        "not valid YAML for a playbook"));
    }

    private static Arguments unsafe(String scenario, String steps, String expected) {
        return unsafe(scenario, steps, expected, "");
    }

    private static Arguments unsafe(String scenario, String steps, String expected, String checksOrRollback) {
        return Arguments.of(scenario, steps, expected, checksOrRollback);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsafeKubernetesSteps")
    void refusesKubernetesStepsThatCouldActBeyondTheirTargetOrBounds(String scenario, String steps, String expected, String extra) {
        String yaml = """
                id: p
                description: d
                risk: low
                parameters: {n: {pattern: "[0-9]{1,2}"}}
                %s
                verify: {window: 1m%s}
                %s
                """.formatted(steps, extra.startsWith("checks") ? ", " + extra : "", extra.startsWith("rollback") ? extra : "");
        assertInvalid(yaml, expected);
    }

    @Test
    void acceptsTheValuesAKubernetesStepMayTake() {
        Playbook playbook = parse("""
                id: p
                description: d
                risk: low
                parameters: {n: {pattern: "[0-9]{1,2}"}}
                labels: {pod: {pattern: "[a-z0-9-]{1,63}"}}
                snapshot: {kubernetes: {action: snapshot}}
                steps:
                  - {name: scale, kubernetes: {action: scale, replicas: "{{params.n}}", min-replicas: 0, max-replicas: 20}}
                  - {name: scale-fixed, kubernetes: {action: scale, replicas: "3", max-replicas: 3}}
                  - {name: scale-more, kubernetes: {action: scale, replicas: "+{{params.n}}", max-replicas: 30}}
                  - {name: scale-one-more, kubernetes: {action: scale, replicas: "+1", max-replicas: 30}}
                  - {name: delete, kubernetes: {action: delete-pod, pod: "{{labels.pod}}"}}
                  - {name: wait, kubernetes: {action: rollout-status, timeout: 5m}}
                verify: {window: 1m}
                rollback: [{name: r, kubernetes: {action: restore-replicas}}, {name: uncordon, kubernetes: {action: uncordon}}]
                """);

        assertThat(playbook.labelsUsed()).containsExactly("pod");
        assertThat(playbook.steps().getFirst().kubernetes().fewestReplicas()).isZero();
        assertThat(playbook.variables()).containsExactlyInAnyOrder("params.n", "labels.pod");
    }

    private static List<KubernetesOperation> operations(Playbook playbook) {
        return playbook.allSteps().stream().map(step -> step.kubernetes().operation().orElseThrow()).toList();
    }

    private static Playbook parse(String yaml) {
        return PlaybookCatalog.parse(Map.of("test.yaml", () -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))))
                .all().iterator().next();
    }

    private static void assertInvalid(String yaml, String expected) {
        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(PlaybookDefinitionException.class)
                .hasMessageContaining("test.yaml")
                .hasMessageContaining(expected);
    }
}
