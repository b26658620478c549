package io.sentinel.gateway.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SettingNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"detector.silences", "detector.threshold.memory-usage-high", "detector.flapping", "detector.x",
            "detector.absence.heartbeat-lost", "detector.2xx.rate", "detector.novelty.learn-for", "inventory.targets.shop-eu",
            "inventory.targets.shop.eu-west-1"})
    void acceptsNamesOfAKnownServiceInTheTopicsKeyFormat(String name) {
        assertThat(new SettingName(name).value()).isEqualTo(name);
    }

    @Test
    void acceptsTheLongestAllowedName() {
        String longest = "detector." + "a".repeat(SettingName.MAX_LENGTH - "detector.".length());
        assertThat(new SettingName(longest).value()).hasSize(200);
    }

    static Stream<Arguments> invalidNames() {
        String knownPrefixes = "must start with the prefix of the service that applies it, one of [detector., inventory., policy.], followed by the setting, "
                + "e.g. detector.threshold.memory-usage-high";
        String characters = "may contain only lowercase letters, digits, '.' and '-', and must start with a letter or digit";
        return Stream.of(
                Arguments.of(null, "setting name is required, e.g. detector.threshold.memory-usage-high"),
                Arguments.of("", "setting name is required, e.g. detector.threshold.memory-usage-high"),
                Arguments.of("detector." + "a".repeat(192), "setting name must be at most 200 characters, was 201"),
                Arguments.of("Detector.silences", "setting name 'Detector.silences' " + characters),
                Arguments.of("detector.threshold.memory_usage", "setting name 'detector.threshold.memory_usage' " + characters),
                Arguments.of(".detector.silences", "setting name '.detector.silences' " + characters),
                Arguments.of("-detector.silences", "setting name '-detector.silences' " + characters),
                Arguments.of("detector/silences", "setting name 'detector/silences' " + characters),
                Arguments.of("detector silences", "setting name 'detector silences' " + characters),
                Arguments.of("notifier.webhooks", "setting name 'notifier.webhooks' " + knownPrefixes),
                Arguments.of("detectors.silences", "setting name 'detectors.silences' " + knownPrefixes),
                Arguments.of("detector", "setting name 'detector' " + knownPrefixes),
                Arguments.of("detector.", "setting name 'detector.' " + knownPrefixes),
                Arguments.of("inventory", "setting name 'inventory' " + knownPrefixes),
                Arguments.of("Inventory.targets.shop", "setting name 'Inventory.targets.shop' " + characters),
                Arguments.of("inventory.targets.Shop", "setting name 'inventory.targets.Shop' " + characters),
                Arguments.of("inventory.targets.a..b", "setting name 'inventory.targets.a..b' must not have an empty part ('..' or a trailing '.')"),
                Arguments.of("inventory.targets..", "setting name 'inventory.targets..' must not have an empty part ('..' or a trailing '.')"),
                Arguments.of("inventory.targets.", "setting name 'inventory.targets.' must not have an empty part ('..' or a trailing '.')"),
                Arguments.of("detector..silences", "setting name 'detector..silences' must not have an empty part ('..' or a trailing '.')"),
                Arguments.of("inventory.targets.../etc", "setting name 'inventory.targets.../etc' " + characters));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidNames")
    void refusesOtherNamesSayingWhy(String name, String message) {
        assertThatThrownBy(() -> new SettingName(name)).isInstanceOf(InvalidSettingException.class).hasMessage(message);
    }
}
