package io.sentinel.detector.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
        var rule = new InhibitionRule("node-down-inhibits-its-containers", LabelMatcher.of(Map.of("rule", "node-down"), "s"),
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
}
