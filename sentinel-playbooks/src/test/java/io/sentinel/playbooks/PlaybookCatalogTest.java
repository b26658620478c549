package io.sentinel.playbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentinel.events.analysis.ProposedAction;
import io.sentinel.events.analysis.Risk;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlaybookCatalogTest {

    private final PlaybookCatalog catalog = PlaybookCatalog.load("classpath:playbooks/valid/");

    @Test
    void loadsAPlaybookWithItsStepsVerificationAndRollback() {
        Playbook playbook = catalog.find("release-memory").orElseThrow();

        assertThat(playbook.risk()).isEqualTo(Risk.LOW);
        assertThat(playbook.steps()).singleElement().satisfies(step -> {
            assertThat(step.http().method()).isEqualTo("POST");
            assertThat(step.http().timeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(step.http().succeeded(200)).isTrue();
            assertThat(step.http().succeeded(204)).isFalse();
        });
        assertThat(playbook.verify().window()).isEqualTo(Duration.ofSeconds(30));
        assertThat(playbook.verify().checks()).singleElement().satisfies(check -> assertThat(check.http().succeeded(204)).isTrue());
        assertThat(playbook.snapshot().url()).contains("{{labels.instance}}");
        assertThat(playbook.rollback()).singleElement().satisfies(step -> assertThat(step.http().body()).isEqualTo("{{snapshot.body}}"));
    }

    @Test
    void acceptsAProposalAndFillsInDefaults() {
        ProposalCheck check = catalog.check(new ProposedAction("release-memory", Map.of()));

        assertThat(check.valid()).isTrue();
        assertThat(check.parameters()).containsEntry("reason", "sentinel");
    }

    @Test
    void rejectsWhatTheCatalogDoesNotKnow() {
        assertThat(catalog.check(new ProposedAction("rm-rf", Map.of())).problems())
                .singleElement().asString().contains("no playbook 'rm-rf'");
        assertThat(catalog.check(new ProposedAction("release-memory", Map.of("shell", "x"))).problems())
                .singleElement().asString().contains("no parameter 'shell'");
        assertThat(catalog.check(new ProposedAction("release-memory", Map.of("reason", "a/../../b"))).problems())
                .singleElement().asString().contains("does not match");
    }

    @Test
    void refusesPlaybooksThatCannotBeRunSafely() {
        assertInvalid("""
                id: no-verify
                description: d
                risk: low
                steps: [{name: s, http: {url: "http://x"}}]
                """, "verify is required");
        assertInvalid("""
                id: free-param
                description: d
                risk: low
                parameters: {target: {description: anything}}
                steps: [{name: s, http: {url: "http://x/{{params.target}}"}}]
                verify: {window: 1m}
                """, "needs a pattern");
        assertInvalid("""
                id: unknown-variable
                description: d
                risk: low
                steps: [{name: s, http: {url: "http://{{env.HOME}}"}}]
                verify: {window: 1m}
                """, "unknown variable {{env.HOME}}");
        assertInvalid("""
                id: Bad Id
                description: d
                risk: low
                """, "id must be");
        assertInvalid("""
                id: typo
                description: d
                risk: low
                stepz: []
                """, "not valid YAML for a playbook");
    }

    @Test
    void saysWhereItFoundNothing() {
        assertThatThrownBy(() -> PlaybookCatalog.load("classpath:playbooks/nowhere/"))
                .isInstanceOf(PlaybookDefinitionException.class)
                .hasMessageContaining("sentinel.playbooks.location");
    }

    private static void assertInvalid(String yaml, String expected) {
        assertThatThrownBy(() -> PlaybookCatalog.parse(Map.of("test.yaml",
                () -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)))))
                .isInstanceOf(PlaybookDefinitionException.class)
                .hasMessageContaining("test.yaml")
                .hasMessageContaining(expected);
    }
}
