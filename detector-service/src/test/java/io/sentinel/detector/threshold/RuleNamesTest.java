package io.sentinel.detector.threshold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.sentinel.runtime.settings.SettingValues;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * A detector rule's name can never contain ':', which is what external alerts' rules have
 * ({@code alert:<alertname>}): configured or set at runtime, the two can never be confused.
 */
class RuleNamesTest {

    @Test
    void aConfiguredRuleNamedLikeAnAlertStopsTheStartNamingTheProperty() {
        var properties = new MapConfigurationPropertySource(Map.of(
                "sentinel.detector.threshold.rules[0].name", "alert:memory-usage-high",
                "sentinel.detector.threshold.rules[0].signal", "memory_usage_ratio",
                "sentinel.detector.threshold.rules[0].above", "0.6"));

        assertThatThrownBy(() -> new Binder(properties).bind("sentinel.detector.threshold", ThresholdProperties.class))
                .isInstanceOf(BindException.class)
                .hasMessageContaining("sentinel.detector.threshold.rules[0]")
                .rootCause().hasMessage("threshold rule name must not contain ':' (names with ':' are reserved for external alerts, "
                        + "alert:<alertname>), was 'alert:memory-usage-high'");
    }

    @Test
    void aRuleSetAtRuntimeUnderANameWithAColonIsIgnoredWithAWarningNamingTheSetting() {
        var logged = new ListAppender<ILoggingEvent>();
        logged.start();
        Logger logger = (Logger) LoggerFactory.getLogger(ThresholdDetection.class);
        logger.addAppender(logged);
        try {
            List<ThresholdRule> rules = ThresholdDetection.effectiveRules(List.of(), Map.of("alert:disk-full",
                    JsonMapper.builder().build().readTree("{\"signal\": \"disk_usage_ratio\", \"above\": 0.9}")), new SettingValues());

            assertThat(rules).isEmpty();
            assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage).singleElement().satisfies(line -> assertThat(line)
                    .startsWith("ignoring runtime setting detector.threshold.alert:disk-full: ")
                    .endsWith("threshold rule name must not contain ':' (names with ':' are reserved for external alerts, alert:<alertname>), "
                            + "was 'alert:disk-full'"));
        } finally {
            logger.detachAppender(logged);
        }
    }
}
