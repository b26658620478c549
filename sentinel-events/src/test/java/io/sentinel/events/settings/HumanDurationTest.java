package io.sentinel.events.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HumanDurationTest {

    @ParameterizedTest
    @CsvSource({"500ms, PT0.5S", "30s, PT30S", "5m, PT5M", "2h, PT2H", "7d, PT168H", "1500, PT1.5S", "PT1H30M, PT1H30M",
            "pt15m, PT15M", " 15m , PT15M", "0s, PT0S", "10S, PT10S", "-5s, PT-5S"})
    void readsWhatOperatorsWrite(String text, String expected) {
        assertThat(HumanDuration.parse(text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "s", "5 m", "5mins", "five minutes", "P", "PT", "1e3s", "99999999999999999999d",
            "9223372036854775807d", "-", "5m30s"})
    void refusesAnythingElseSayingWhatADurationLooksLike(String text) {
        assertThatThrownBy(() -> HumanDuration.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("write it like 500ms, 30s, 5m, 2h, 7d or PT1H30M");
    }

    @Test
    void refusesAnOversizedValueWithoutEchoingAllOfIt() {
        assertThatThrownBy(() -> HumanDuration.parse("1".repeat(10_000) + "s")).hasMessageStartingWith("'" + "1".repeat(64) + "…'");
    }
}
