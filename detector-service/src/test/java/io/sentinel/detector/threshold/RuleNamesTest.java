package io.sentinel.detector.threshold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.sentinel.detector.rule.Conditions;
import io.sentinel.detector.rule.RuleDatabase;
import io.sentinel.detector.latency.LatencyEstimates;
import io.sentinel.events.settings.detector.LatencyEstimateSetting;
import io.sentinel.runtime.settings.RuntimeOverlay;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

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
                .hasMessageContaining("sentinel.detector.threshold")
                .rootCause().hasMessage("name must not contain ':' (names with ':' are reserved for external alerts, "
                        + "alert:<alertname>), was 'alert:memory-usage-high'");
    }

    @Test
    void theYamlsForIsTheRulesHoldTime() {
        var properties = new MapConfigurationPropertySource(Map.of(
                "sentinel.detector.threshold.rules[0].name", "memory-usage-high",
                "sentinel.detector.threshold.rules[0].signal", "memory_usage_ratio",
                "sentinel.detector.threshold.rules[0].above", "0.6",
                "sentinel.detector.threshold.rules[0].for", "30s"));

        ThresholdProperties bound = new Binder(properties).bind("sentinel.detector.threshold", ThresholdProperties.class).get();

        assertThat(bound.rulesByName().get("memory-usage-high").holdFor()).hasSeconds(30);
    }

    @Test
    void aRuleSetAtRuntimeUnderANameWithAColonIsIgnoredWithAWarningNamingTheSetting() {
        var logged = new ListAppender<ILoggingEvent>();
        logged.start();
        Logger logger = (Logger) LoggerFactory.getLogger(RuntimeOverlay.class);
        logger.addAppender(logged);
        try {
            RuntimeOverlay overlay = RuleDatabase.overlay("detector.threshold.alert:disk-full", "{\"signal\": \"disk_usage_ratio\", \"above\": 0.9}");
            new ThresholdRule(ThresholdProperties.of(), overlay, new Conditions(), new LatencyEstimates(LatencyEstimateSetting.DEFAULTS, overlay));

            assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage).singleElement().satisfies(line -> assertThat(line)
                    .startsWith("ignoring runtime setting detector.threshold.alert:disk-full: ")
                    .endsWith("name must not contain ':' (names with ':' are reserved for external alerts, alert:<alertname>), "
                            + "was 'alert:disk-full'"));
        } finally {
            logger.detachAppender(logged);
        }
    }
}
