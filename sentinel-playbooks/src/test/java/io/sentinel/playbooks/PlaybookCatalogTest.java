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

class PlaybookCatalogTest {

    private final PlaybookCatalog catalog = PlaybookCatalog.load("classpath:playbooks/valid/");

    @Test
    void loadsAPlaybookWithItsStepsVerificationAndRollback() {
        Playbook playbook = catalog.find("release-memory").orElseThrow();

        assertThat(playbook.risk()).isEqualTo(Risk.LOW);
        assertThat(playbook.steps()).singleElement().satisfies(step -> {
            assertThat(step.kind()).isEqualTo("http");
            assertThat(step.action()).isSameAs(step.http());
            assertThat(step.http().method()).isEqualTo("POST");
            assertThat(step.http().timeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(step.http().succeeded(200)).isTrue();
            assertThat(step.http().succeeded(204)).isFalse();
        });
        assertThat(playbook.verify().window()).isEqualTo(Duration.ofSeconds(30));
        assertThat(playbook.verify().checks()).singleElement().satisfies(check -> assertThat(check.http().succeeded(204)).isTrue());
        assertThat(playbook.snapshot()).isInstanceOfSatisfying(HttpRequestSpec.class, snapshot -> assertThat(snapshot.url()).isEqualTo("{{target.url}}/admin/config"));
        assertThat(playbook.labels()).containsOnlyKeys("pool");
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
                steps: [{name: s, http: {url: "{{target.url}}/{{env.HOME}}"}}]
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
    void aStepSaysItsKindByTheKeyOfItsActionAndAnUnknownKindDoesNotLoad() {
        assertInvalid("""
                id: no-action
                description: d
                risk: low
                steps: [{name: s}]
                verify: {window: 1m}
                """, "step 's' needs an action, written under the key of its kind: http or kubernetes");
        assertInvalid("""
                id: unknown-kind
                description: d
                risk: low
                steps: [{name: s, redis: {command: FLUSHALL}}]
                verify: {window: 1m}
                """, "redis");
        assertInvalid("""
                id: two-kinds
                description: d
                risk: low
                steps: [{name: s, http: {url: "{{target.url}}/x"}, kubernetes: {action: rollout-restart}}]
                verify: {window: 1m}
                """, "step 's' has actions of more than one kind (http or kubernetes); a step does one thing");
    }

    @Test
    void readsDurationsWithTheOneParserEveryServiceUses() {
        Playbook playbook = parse("""
                id: durations
                description: d
                risk: low
                snapshot: {url: "{{target.url}}/config", timeout: 1500}
                steps: [{name: s, http: {url: "{{target.url}}/x", timeout: PT2S}}]
                verify: {window: 7d, checks: [{name: c, http: {url: "{{target.url}}/health", timeout: 250ms}}]}
                """);

        assertThat(playbook.snapshot().timeout()).as("a bare number is milliseconds").isEqualTo(Duration.ofMillis(1500));
        assertThat(playbook.steps().getFirst().http().timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(playbook.verify().window()).isEqualTo(Duration.ofDays(7));
        assertThat(playbook.verify().checks().getFirst().http().timeout()).isEqualTo(Duration.ofMillis(250));
        assertInvalid("""
                id: wordy
                description: d
                risk: low
                steps: [{name: s, http: {url: "{{target.url}}/x", timeout: 5 minutes}}]
                verify: {window: 1m}
                """, "'5 minutes' is not a duration; write it like 500ms, 30s, 5m, 2h, 7d or PT1H30M");
        assertInvalid("""
                id: huge
                description: d
                risk: low
                steps: [{name: s, http: {url: "{{target.url}}/x", timeout: %s}}]
                verify: {window: 1m}
                """.formatted("9".repeat(5000)), "is not a duration");
    }

    @Test
    void knowsWhatItsTemplatesUse() {
        Playbook playbook = catalog.find("release-memory").orElseThrow();

        assertThat(playbook.usesTarget()).isTrue();
        assertThat(playbook.labelsUsed()).containsExactly("pool");
        assertThat(playbook.secretsUsed()).containsExactly("shop-admin-token");
        assertThat(playbook.allSteps()).extracting(PlaybookStep::name).containsExactly("snapshot", "release-memory", "healthy", "restore-config");
    }

    @Test
    void aDeclaredLabelAcceptsOnlyValuesItsPatternMatchesWhole() {
        LabelSpec instance = new LabelSpec("host:port", "[a-z0-9.-]+:[0-9]{2,5}");

        assertThat(instance.accepts("shop-1.internal:8080")).isTrue();
        assertThat(instance.accepts("evil.com:80/admin")).as("a match must cover the whole value").isFalse();
        assertThat(instance.accepts("x@evil.com:80")).isFalse();
        assertThat(instance.accepts("shop:8080\r\nX-Injected: 1")).isFalse();
        assertThat(instance.accepts(null)).isFalse();
    }

    @Test
    void refusesLabelsThePlaybookDoesNotDeclare() {
        assertInvalid(playbookWithUrl("{{target.url}}/queues/{{labels.queue}}"),
                "step 's' uses {{labels.queue}} but the playbook declares no label 'queue'");
        assertInvalid("""
                id: unbounded-label
                description: d
                risk: low
                labels: {queue: {description: any queue}}
                steps: [{name: s, http: {url: "{{target.url}}/queues/{{labels.queue}}"}}]
                verify: {window: 1m}
                """, "label 'queue' needs a pattern");
        assertInvalid("""
                id: broken-label
                description: d
                risk: low
                labels: {queue: {pattern: "[a-z"}}
                steps: [{name: s, http: {url: "{{target.url}}/queues/{{labels.queue}}"}}]
                verify: {window: 1m}
                """, "label 'queue' has an invalid pattern");
    }

    static Stream<Arguments> urlsThatLetAVariableChooseTheHost() {
        return Stream.of(
                Arguments.of("a label as the host, as playbooks used to", "http://{{labels.instance}}/admin/config",
                        "no variable may appear before the path starts"),
                Arguments.of("a parameter as the whole url", "{{params.where}}/x", "the url starts with {{params.where}}"),
                Arguments.of("a variable right after a literal host", "http://shop.internal:80{{params.where}}/x",
                        "no variable may appear before the path starts"),
                Arguments.of("a variable in a literal host", "http://shop{{params.where}}.internal/x",
                        "no variable may appear before the path starts"),
                Arguments.of("target.url not at the start", "http://proxy.internal/fetch?u={{target.url}}",
                        "may only be the very first thing"),
                Arguments.of("target.url glued to a variable", "{{target.url}}{{params.where}}", "must be followed by '/', '?', '#'"),
                Arguments.of("target.url glued to text", "{{target.url}}.evil.com/x", "must be followed by '/', '?', '#'"),
                Arguments.of("credentials in a literal url", "http://admin:pw@shop.internal/x", "must not carry credentials"),
                Arguments.of("a scheme that is not http", "file:///etc/passwd", "starts with {{target.url}} or with http://"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("urlsThatLetAVariableChooseTheHost")
    void refusesUrlsWhoseHostAVariableCouldChoose(String scenario, String url, String expected) {
        assertInvalid(playbookWithUrl(url), "playbook 'p' step 's' url '" + url + "': ");
        assertInvalid(playbookWithUrl(url), expected);
    }

    @Test
    void acceptsUrlsWhoseHostIsFixed() {
        for (String url : List.of("{{target.url}}", "{{target.url}}/x/{{params.where}}", "{{target.url}}?q={{params.where}}",
                "https://shop.internal:8443/x/{{params.where}}", "http://shop.internal?q={{params.where}}")) {
            assertThat(PlaybookCatalog.parse(Map.of("test.yaml", yaml(playbookWithUrl(url)))).find("p")).as(url).isPresent();
        }
    }

    @Test
    void refusesBodiesItCannotEncodeValuesFor() {
        assertInvalid("""
                id: p
                description: d
                risk: low
                parameters: {where: {pattern: "[a-z]+"}}
                steps: [{name: s, http: {method: POST, url: "{{target.url}}/x", body: "where={{params.where}}"}}]
                verify: {window: 1m}
                """, "no Content-Type the executor can encode them for");
        assertInvalid("""
                id: p
                description: d
                risk: low
                parameters: {where: {pattern: "[a-z]+"}}
                steps: [{name: s, http: {method: POST, url: "{{target.url}}/x", headers: {Content-Type: "text/plain"},
                         body: "where={{params.where}}"}}]
                verify: {window: 1m}
                """, "no Content-Type the executor can encode them for");
    }

    @Test
    void refusesMalformedTemplatesSecretsAndHeaders() {
        assertInvalid(playbookWithUrl("{{target.url}}/x/{{ params.where"), "malformed template");
        assertInvalid(playbookWithUrl("{{target.url}}/x/{{secrets.Admin_Token}}"), "a secret's name is lowercase");
        assertInvalid(playbookWithUrl("{{target.url}}/x/{{target.password}}"), "unknown variable {{target.password}}");
        assertInvalid(playbookWithUrl("{{target.url}}/x/{{incident.owner}}"), "unknown variable {{incident.owner}}");
        assertInvalid("""
                id: p
                description: d
                risk: low
                snapshot: {url: "{{target.url}}/x?previous={{snapshot.body}}"}
                steps: [{name: s, http: {url: "{{target.url}}/x"}}]
                verify: {window: 1m}
                """, "{{snapshot.body}} in the snapshot itself");
        assertInvalid("""
                id: p
                description: d
                risk: low
                steps: [{name: s, http: {url: "{{target.url}}/x", headers: {"X-Bad Header": "1"}}}]
                verify: {window: 1m}
                """, "not an HTTP token");
        assertInvalid("""
                id: p
                description: d
                risk: low
                labels: {vhost: {pattern: "[a-z.]+"}}
                steps: [{name: s, http: {url: "{{target.url}}/x", headers: {host: "{{labels.vhost}}"}}}]
                verify: {window: 1m}
                """, "sets the header host, which the executor sets itself");
        assertInvalid("""
                id: p
                description: d
                risk: low
                steps: [{name: s, http: {method: POST, url: "{{target.url}}/x", headers: {Transfer-Encoding: chunked}, body: "x"}}]
                verify: {window: 1m}
                """, "sets the header Transfer-Encoding");
    }

    @Test
    void saysWhereItFoundNothing() {
        assertThatThrownBy(() -> PlaybookCatalog.load("classpath:playbooks/nowhere/"))
                .isInstanceOf(PlaybookDefinitionException.class)
                .hasMessageContaining("sentinel.playbooks.location");
    }

    private static String playbookWithUrl(String url) {
        return """
                id: p
                description: d
                risk: low
                parameters: {where: {pattern: "[a-z]+"}}
                labels: {instance: {pattern: "[a-z0-9.-]+:[0-9]{2,5}"}}
                steps: [{name: s, http: {url: "%s"}}]
                verify: {window: 1m}
                """.formatted(url);
    }

    private static Playbook parse(String yaml) {
        return PlaybookCatalog.parse(Map.of("test.yaml", yaml(yaml))).all().iterator().next();
    }

    private static PlaybookCatalog.InputStreamSource yaml(String yaml) {
        return () -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertInvalid(String yaml, String expected) {
        assertThatThrownBy(() -> PlaybookCatalog.parse(Map.of("test.yaml", yaml(yaml))))
                .isInstanceOf(PlaybookDefinitionException.class)
                .hasMessageContaining("test.yaml")
                .hasMessageContaining(expected);
    }
}
