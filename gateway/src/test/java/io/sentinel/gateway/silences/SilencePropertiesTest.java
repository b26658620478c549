package io.sentinel.gateway.silences;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SilencePropertiesTest {

    @Test
    void defaultsToAWeekAndADay() {
        SilenceProperties defaults = new SilenceProperties(null, null);
        assertThat(defaults.maxDuration()).isEqualTo(Duration.ofDays(7));
        assertThat(defaults.keepExpired()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void refusesALongestSilenceThatIsNotPositiveNamingTheProperty() {
        assertThatThrownBy(() -> new SilenceProperties(Duration.ZERO, Duration.ofHours(24)))
                .hasMessage("sentinel.gateway.silences.max-duration must be positive, was PT0S");
    }

    @Test
    void refusesANegativeKeepExpiredNamingTheProperty() {
        assertThatThrownBy(() -> new SilenceProperties(Duration.ofDays(7), Duration.ofHours(-1)))
                .hasMessage("sentinel.gateway.silences.keep-expired must not be negative, was PT-1H");
    }

    @Test
    void keepingNoExpiredSilencesIsAllowed() {
        assertThat(new SilenceProperties(Duration.ofDays(7), Duration.ZERO).keepExpired()).isZero();
    }
}
