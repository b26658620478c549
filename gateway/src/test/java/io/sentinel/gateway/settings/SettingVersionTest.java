package io.sentinel.gateway.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

class SettingVersionTest {

    private static final Instant T = Instant.parse("2026-03-01T03:00:00Z");
    private static final Optional<SettingVersion> PUBLISHED = version("published", T);

    @Test
    void theLaterChangeWinsWhicheverSourceItComesFrom() {
        Optional<SettingVersion> readBackLater = version("read back", T.plusMillis(1));
        assertThat(SettingVersion.newer(PUBLISHED, readBackLater)).isEqualTo(readBackLater);
        assertThat(SettingVersion.newer(readBackLater, PUBLISHED)).isEqualTo(readBackLater);
    }

    @Test
    void onATieTheFirstWins() {
        assertThat(SettingVersion.newer(PUBLISHED, version("read back", T))).isEqualTo(PUBLISHED);
    }

    @Test
    void aMissingSideLeavesTheOther() {
        assertThat(SettingVersion.newer(Optional.empty(), PUBLISHED)).isEqualTo(PUBLISHED);
        assertThat(SettingVersion.newer(PUBLISHED, Optional.empty())).isEqualTo(PUBLISHED);
        assertThat(SettingVersion.newer(Optional.empty(), Optional.empty())).isEmpty();
    }

    @Test
    void aLaterRemovalOutranksAnEarlierValueAndLeavesNoSetting() {
        Optional<SettingVersion> removal = Optional.of(new SettingVersion("detector.silences", null, "bob", T.plusSeconds(5)));
        Optional<SettingVersion> newest = SettingVersion.newer(PUBLISHED, removal);
        assertThat(newest).isEqualTo(removal);
        assertThat(newest.get().removed()).isTrue();
        assertThat(newest.get().setting()).isEmpty();
    }

    private static Optional<SettingVersion> version(String by, Instant at) {
        return Optional.of(new SettingVersion("detector.silences", JsonNodeFactory.instance.arrayNode(), by, at));
    }
}
