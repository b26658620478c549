package io.sentinel.executor.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentinel.executor.template.TemplateVariables;
import io.sentinel.playbooks.HttpRequestSpec;
import io.sentinel.playbooks.PlaybookCatalog;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepKindsTest {

    private static final TemplateVariables NO_VARIABLES = new TemplateVariables(Map.of(), Map.of(), "inc-1", "shop", null, null,
            name -> java.util.Optional.empty());
    private static final HttpRequestSpec HEALTH = new HttpRequestSpec("GET", "{{target.url}}/health", Map.of(), null, null, null);

    @Test
    void runsEachActionWithTheKindItNames() {
        List<HttpRequestSpec> ran = new ArrayList<>();
        StepKinds kinds = new StepKinds(List.of(recording(ran)));

        StepOutcome outcome = kinds.run(HEALTH, NO_VARIABLES);

        assertThat(ran).containsExactly(HEALTH);
        assertThat(outcome.succeeded()).isTrue();
        assertThat(kinds.names()).containsExactly("http");
    }

    @Test
    void anActionOfAKindItLacksFailsWithoutBeingRetried() {
        StepOutcome outcome = new StepKinds(List.of()).run(HEALTH, NO_VARIABLES);

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.retryable()).isFalse();
        assertThat(outcome.detail()).isEqualTo("this executor cannot run steps of kind 'http'; it runs []");
    }

    @Test
    void refusesToStartWithACatalogItCannotRunNamingThePlaybookAndTheStep() {
        PlaybookCatalog catalog = PlaybookCatalog.parse(Map.of("p.yaml", () -> new ByteArrayInputStream("""
                id: p
                description: d
                risk: low
                steps: [{name: restart, http: {url: "{{target.url}}/restart"}}]
                verify: {window: 1m}
                """.getBytes(StandardCharsets.UTF_8))));

        assertThatThrownBy(() -> new StepKinds(List.of()).requireRunnable(catalog))
                .hasMessage("this executor runs steps of kinds [] only: playbook 'p' step 'restart' is of kind 'http'");
        new StepKinds(List.of(recording(new ArrayList<>()))).requireRunnable(catalog);
    }

    @Test
    void twoKindsMayNotShareAName() {
        assertThatThrownBy(() -> new StepKinds(List.of(recording(new ArrayList<>()), recording(new ArrayList<>()))))
                .hasMessage("two step kinds are named 'http'");
    }

    @Test
    void aSucceededStepIsNeverRetryable() {
        assertThat(new StepOutcome(true, true, "ok", 1, null).retryable()).isFalse();
        assertThat(StepOutcome.failed("503", 1, true, null).retryable()).isTrue();
        assertThat(StepOutcome.refused("not allowed").retryable()).isFalse();
    }

    private static StepKind<HttpRequestSpec> recording(List<HttpRequestSpec> ran) {
        return new StepKind<>() {
            @Override
            public String name() {
                return "http";
            }

            @Override
            public Class<HttpRequestSpec> actionType() {
                return HttpRequestSpec.class;
            }

            @Override
            public StepOutcome run(HttpRequestSpec action, TemplateVariables variables) {
                ran.add(action);
                return StepOutcome.succeeded("ran", 1, null);
            }
        };
    }
}
