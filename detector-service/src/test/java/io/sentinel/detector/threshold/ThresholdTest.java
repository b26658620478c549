package io.sentinel.detector.threshold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentinel.detector.rule.Level;
import io.sentinel.events.incident.Severity;
import io.sentinel.events.settings.detector.ThresholdSetting;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ThresholdTest {

    private static final Threshold MEMORY = Threshold.of(ThresholdSetting.above("memory-usage-high", "memory_usage_ratio", 0.60, 0.55,
            Duration.ofSeconds(30), Severity.WARNING, null));
    private static final Threshold CONTAINER_DOWN = Threshold.of(new ThresholdSetting("container-down", "container_up", null, null, 1.0,
            null, Duration.ofSeconds(30), Severity.CRITICAL, null, Map.of()));

    static Stream<Arguments> levels() {
        return Stream.of(
                Arguments.of(MEMORY, 0.61, Level.BREACHED),
                Arguments.of(MEMORY, 0.60, Level.BETWEEN),
                Arguments.of(MEMORY, 0.57, Level.BETWEEN),
                Arguments.of(MEMORY, 0.55, Level.CLEAR),
                Arguments.of(MEMORY, 0.10, Level.CLEAR),
                Arguments.of(CONTAINER_DOWN, 0.0, Level.BREACHED),
                Arguments.of(CONTAINER_DOWN, 1.0, Level.CLEAR));
    }

    @ParameterizedTest(name = "{0} at {1} is {2}")
    @MethodSource("levels")
    void placesAValueAgainstTheThresholdAndTheClearLevel(Threshold threshold, double value, Level expected) {
        assertThat(threshold.level(value)).isEqualTo(expected);
    }

    @Test
    void withoutAClearLevelClearsAtTheThreshold() {
        var threshold = Threshold.of(new ThresholdSetting("r", "x", 0.8, null, null, null, null, null, null, null));
        assertThat(threshold.level(0.8)).isEqualTo(Level.CLEAR);
        assertThat(threshold.level(0.81)).isEqualTo(Level.BREACHED);
    }

    @Test
    void refusesARuleThatCouldNeverClear() {
        assertThatThrownBy(() -> ThresholdSetting.above("bad", "x", 0.5, 0.6, Duration.ZERO, null, null))
                .hasMessageContaining("clear-below (0.6) must not exceed above (0.5)");
        assertThatThrownBy(() -> new ThresholdSetting("bad", "x", null, null, 1.0, 0.5, null, null, null, null))
                .hasMessageContaining("clear-above (0.5) must not be under below (1.0)");
    }

    @Test
    void needsExactlyOneDirection() {
        assertThatThrownBy(() -> new ThresholdSetting("both", "x", 1.0, null, 1.0, null, null, null, null, null))
                .hasMessageContaining("exactly one of 'above' or 'below'");
        assertThatThrownBy(() -> new ThresholdSetting("none", "x", null, null, null, null, null, null, null, null))
                .hasMessageContaining("exactly one of 'above' or 'below'");
    }

    @Test
    void refusesAThresholdThatIsNotANumber() {
        assertThatThrownBy(() -> new ThresholdSetting("nan", "x", Double.NaN, null, null, null, null, null, null, null))
                .hasMessage("above must be a finite number, was NaN");
    }

    @Test
    void fillsTheResourceIntoTheTitle() {
        var threshold = Threshold.of(ThresholdSetting.above("m", "x", 1, 1, null, null, "High on {resource}"));
        assertThat(threshold.titleFor("shop")).isEqualTo("High on shop");
    }
}
