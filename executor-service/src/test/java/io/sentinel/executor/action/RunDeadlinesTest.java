package io.sentinel.executor.action;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.playbooks.Playbook;
import io.sentinel.playbooks.PlaybookCatalog;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunDeadlinesTest {

    @Test
    void aRunMayTakeTheSnapshotsAndTheStepsTimeoutsPlusTheMarginButNotTheChecksOrTheRollback() {
        Playbook playbook = PlaybookCatalog.parse(Map.of("p.yaml", () -> new ByteArrayInputStream("""
                id: p
                description: d
                risk: low
                snapshot: {url: "{{target.url}}/config", timeout: 3s}
                steps:
                  - {name: a, http: {url: "{{target.url}}/a", timeout: 5s}}
                  - {name: b, http: {url: "{{target.url}}/b"}}
                verify: {window: 1m, checks: [{name: c, http: {url: "{{target.url}}/health", timeout: 1m}}]}
                rollback: [{name: r, http: {url: "{{target.url}}/config", timeout: 1m}}]
                """.getBytes(StandardCharsets.UTF_8)))).find("p").orElseThrow();

        assertThat(RunDeadlines.budget(playbook, Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(3 + 5 + 10 + 30));
    }
}
