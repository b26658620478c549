package io.sentinel.detector.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sentinel.detector.rule.Finding;
import io.sentinel.events.EventEnvelope;
import io.sentinel.events.EventIds;
import io.sentinel.events.TraceParent;
import io.sentinel.events.config.ConfigEvent;
import io.sentinel.events.config.SettingChanged;
import io.sentinel.events.incident.Observation;
import io.sentinel.events.incident.Severity;
import io.sentinel.events.settings.detector.LabelPatterns;
import io.sentinel.runtime.settings.RuntimeOverlay;
import io.sentinel.runtime.settings.RuntimeSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import tools.jackson.databind.json.JsonMapper;

class NoiseRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void aSilenceCoversMatchingLabelsOnlyWhileActive() {
        var silence = new Silence("maintenance", LabelMatcher.of(Map.of("resource", "shop-.*", "rule", "memory-usage-high"), "s"),
                NOW, NOW.plusSeconds(3600), "alice", "planned upgrade");
        Map<String, String> shop = Map.of("resource", "shop-prod", "rule", "memory-usage-high");

        assertThat(silence.covers(shop, NOW.plusSeconds(10))).isTrue();
        assertThat(silence.covers(shop, NOW.minusSeconds(1))).as("not started").isFalse();
        assertThat(silence.covers(shop, NOW.plusSeconds(3600))).as("ended").isFalse();
        assertThat(silence.covers(Map.of("resource", "billing", "rule", "memory-usage-high"), NOW.plusSeconds(10))).isFalse();
        assertThat(silence.covers(Map.of("resource", "shop-prod"), NOW.plusSeconds(10))).as("a missing label is empty").isFalse();
    }

    @Test
    void silencesMustEnd() {
        assertThatThrownBy(() -> new Silence("forever", List.of(), NOW, null, "x", null)).hasMessageContaining("silences must end");
    }

    @Test
    void aDownNodeInhibitsItsOwnContainersOnly() {
        var rule = new Inhibition("node-down-inhibits-its-containers", LabelMatcher.of(Map.of("rule", "node-down"), "s"),
                LabelMatcher.of(Map.of("rule", "container-.*"), "t"), List.of("node"));
        Map<String, String> nodeDown = Map.of("rule", "node-down", "node", "worker-1");

        assertThat(rule.inhibits(nodeDown, Map.of("rule", "container-down", "node", "worker-1"))).isTrue();
        assertThat(rule.inhibits(nodeDown, Map.of("rule", "container-down", "node", "worker-2"))).isFalse();
        assertThat(rule.inhibits(nodeDown, Map.of("rule", "memory-usage-high", "node", "worker-1"))).isFalse();
        assertThat(rule.inhibits(Map.of("rule", "node-down"), Map.of("rule", "container-down"))).as("equal labels must exist").isFalse();
    }

    @Test
    void badMatchersNameTheProperty() {
        assertThatThrownBy(() -> LabelMatcher.of(Map.of("rule", "(unclosed"), "sentinel.detector.noise.silences[0].matchers"))
                .hasMessageStartingWith("sentinel.detector.noise.silences[0].matchers.rule is not a valid regular expression");
    }

    /**
     * Patterns that make a backtracking engine take exponential (or steep polynomial) time, against label
     * values written to trigger it: java.util.regex took 1.5 s for the first at 20,000 characters and
     * over a second for the second at 50. RE2 takes time linear in the value, whatever the pattern.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "(a+)+$        ; 50000",
            "(.*a){25}     ; 50",
            "(a|aa)+b      ; 50000",
            "(\\w+\\s?)*$ ; 50000"})
    void aPathologicalMatcherAgainstALongLabelValueAnswersInMilliseconds(String pattern, int length) {
        var silence = new Silence("crafted", LabelMatcher.of(Map.of("resource", pattern.strip()), "detector.silences[0].matchers"), NOW,
                NOW.plusSeconds(3600), "mallory", null);
        Map<String, String> labels = Map.of("resource", "a".repeat(length) + "!");
        silence.covers(Map.of("resource", "warm-up"), NOW);

        boolean covered = assertTimeoutPreemptively(Duration.ofMillis(200), () -> silence.covers(labels, NOW.plusSeconds(1)));

        assertThat(covered).isFalse();
    }

    @Test
    void anInhibitionWithAPathologicalMatcherAnswersInMillisecondsToo() {
        var rule = new Inhibition("crafted", LabelMatcher.of(Map.of("rule", "(a+)+$"), "s"), LabelMatcher.of(Map.of("rule", "(a+)+$"), "t"),
                List.of());
        Map<String, String> labels = Map.of("rule", "a".repeat(50_000) + "!");

        assertThat(assertTimeoutPreemptively(Duration.ofMillis(200), () -> rule.inhibits(labels, labels))).isFalse();
    }

    @Test
    void patternsRe2CannotRunInLinearTimeAreRefusedNamingTheProperty() {
        assertThatThrownBy(() -> LabelMatcher.of(Map.of("rule", "(?=memory).*"), "detector.silences[0].matchers"))
                .hasMessageStartingWith("detector.silences[0].matchers.rule is not a valid regular expression (RE2 syntax: no look-around, "
                        + "no back-references)");
        assertThatThrownBy(() -> LabelMatcher.of(Map.of("rule", "(a)\\1"), "detector.silences[0].matchers"))
                .hasMessageStartingWith("detector.silences[0].matchers.rule is not a valid regular expression");
        assertThatThrownBy(() -> LabelMatcher.of(Map.of("rule", "((a{100}){100}){100}"), "detector.silences[0].matchers"))
                .hasMessageStartingWith("detector.silences[0].matchers.rule is ");
        assertThatThrownBy(() -> LabelMatcher.of(Map.of("rule", "a".repeat(LabelPatterns.MAX_PATTERN_LENGTH + 1)), "detector.silences[0].matchers"))
                .hasMessage("detector.silences[0].matchers.rule is longer than 1024 characters");
    }

    @Test
    void aConfiguredSilenceRe2RefusesStopsTheStartNamingTheProperty() {
        var properties = new MapConfigurationPropertySource(Map.of(
                "sentinel.detector.noise.silences[0].id", "s1",
                "sentinel.detector.noise.silences[0].matchers.rule", "(?<=x)y",
                "sentinel.detector.noise.silences[0].ends-at", "2026-11-23T13:00:00Z"));

        assertThatThrownBy(() -> new Binder(properties).bind("sentinel.detector.noise", NoiseProperties.class))
                .isInstanceOf(BindException.class)
                .hasMessageContaining("sentinel.detector.noise.silences[0]")
                .rootCause().hasMessageStartingWith("matchers.rule is not a valid regular expression (RE2 syntax");
    }

    @Test
    void aSilenceSetAtRuntimeWithAPatternRe2RefusesIsNotAppliedAndTheOthersStay() {
        var settings = new RuntimeSettings();
        var noise = new NoiseControl(new NoiseProperties(List.of(), List.of(), null, null), new RuntimeOverlay(settings),
                new SimpleMeterRegistry());
        apply(settings, "detector.silences", """
                [{"id": "good", "matchers": {"resource": "shop"}, "ends-at": "2026-11-23T13:00:00Z"}]""");
        assertThat(noise.suppression(firing("shop"), NOW, List.of())).isPresent();

        apply(settings, "detector.silences", """
                [{"id": "crafted", "matchers": {"resource": "(?!x).*"}, "ends-at": "2026-11-23T13:00:00Z"}]""");

        assertThat(noise.suppression(firing("other"), NOW, List.of())).as("the refused silence silences nothing").isEmpty();
        assertThat(noise.suppression(firing("shop"), NOW, List.of())).as("the last good silences stay").isPresent();
    }

    private static void apply(RuntimeSettings settings, String name, String json) {
        settings.apply(new EventEnvelope<ConfigEvent>(EventIds.random(), "test", Instant.now(), TraceParent.root(),
                new SettingChanged(name, JsonMapper.builder().build().readTree(json), "test", Instant.now())));
    }

    private static Finding.Firing firing(String resource) {
        return new Finding.Firing("memory-usage-high|" + resource, "memory-usage-high", resource, Map.of(), Severity.WARNING, "t",
                new Observation("memory_usage_ratio", 0.9, 0.6, "d", NOW), null);
    }
}
