package io.sentinel.gateway.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.events.EventEnvelope;
import io.sentinel.events.EventIds;
import io.sentinel.events.TraceParent;
import io.sentinel.events.config.ConfigEvent;
import io.sentinel.events.config.SettingChanged;
import io.sentinel.events.config.SettingRemoved;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SettingsProjectionTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant T = Instant.parse("2026-03-01T03:00:00Z");

    private final SettingsProjection projection = new SettingsProjection();

    @Test
    void keepsTheLatestValueOfEachSettingSortedByName() {
        apply(new SettingChanged("detector.threshold.memory-usage-high", json("{\"above\": 0.6}"), "alice", T));
        apply(new SettingChanged("detector.flapping", json("{\"max-openings\": 3}"), "bob", T.plusSeconds(1)));
        apply(new SettingChanged("detector.threshold.memory-usage-high", json("{\"above\": 0.7}"), "carol", T.plusSeconds(2)));

        assertThat(projection.current()).extracting(Setting::name)
                .containsExactly("detector.flapping", "detector.threshold.memory-usage-high");
        Setting threshold = projection.find("detector.threshold.memory-usage-high").orElseThrow();
        assertThat(threshold.value()).isEqualTo(json("{\"above\": 0.7}"));
        assertThat(threshold.changedBy()).isEqualTo("carol");
        assertThat(threshold.changedAt()).isEqualTo(T.plusSeconds(2));
    }

    @Test
    void aRemovedSettingIsGoneButItsRemovalIsRemembered() {
        apply(new SettingChanged("detector.flapping", json("{\"max-openings\": 3}"), "bob", T));
        apply(new SettingRemoved("detector.flapping", "alice", T.plusSeconds(1)));

        assertThat(projection.find("detector.flapping")).isEmpty();
        assertThat(projection.current()).isEmpty();
        assertThat(projection.latest("detector.flapping")).hasValueSatisfying(version -> {
            assertThat(version.removed()).isTrue();
            assertThat(version.changedBy()).isEqualTo("alice");
        });
    }

    @Test
    void aValueAfterARemovalBringsTheSettingBack() {
        apply(new SettingRemoved("detector.flapping", "alice", T));
        apply(new SettingChanged("detector.flapping", json("{\"max-openings\": 5}"), "bob", T.plusSeconds(1)));

        assertThat(projection.find("detector.flapping").map(Setting::value)).contains(json("{\"max-openings\": 5}"));
    }

    @Test
    void aReplayedTopicEndsInTheSameStateAsFollowingItLive() {
        SettingsProjection replayed = new SettingsProjection();
        List<EventEnvelope<ConfigEvent>> events = List.of(
                envelope(new SettingChanged("detector.silences", json("[]"), "alice", T)),
                envelope(new SettingChanged("detector.silences", json("[{\"id\": \"a\"}]"), "bob", T.plusSeconds(1))),
                envelope(new SettingRemoved("detector.inhibitions", "bob", T.plusSeconds(2))));
        events.forEach(projection::apply);
        events.forEach(replayed::apply);
        events.forEach(replayed::apply);

        assertThat(replayed.current()).isEqualTo(projection.current());
        assertThat(replayed.find("detector.silences").map(Setting::changedBy)).contains("bob");
    }

    @Test
    void knowsNothingOfASettingNeverSeen() {
        assertThat(projection.find("detector.silences")).isEmpty();
        assertThat(projection.latest("detector.silences")).isEmpty();
    }

    private void apply(ConfigEvent event) {
        projection.apply(envelope(event));
    }

    private static EventEnvelope<ConfigEvent> envelope(ConfigEvent event) {
        return new EventEnvelope<>(EventIds.random(), "gateway", T, TraceParent.root(), event);
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }
}
