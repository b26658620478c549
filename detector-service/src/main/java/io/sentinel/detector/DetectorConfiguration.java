package io.sentinel.detector;

import io.micrometer.core.instrument.MeterRegistry;
import io.sentinel.detector.engine.RuleEngine;
import io.sentinel.detector.engine.TickRunner;
import io.sentinel.detector.incident.IncidentManager;
import io.sentinel.detector.incident.IncidentProperties;
import io.sentinel.detector.incident.IncidentSteps;
import io.sentinel.detector.limits.KeyLimits;
import io.sentinel.detector.limits.LimitsProperties;
import io.sentinel.detector.noise.NoiseControl;
import io.sentinel.detector.noise.NoiseProperties;
import io.sentinel.detector.rule.Conditions;
import io.sentinel.detector.rule.DetectionRule;
import io.sentinel.detector.rule.ScheduledRule;
import io.sentinel.events.settings.detector.LatencyEstimateSetting;
import io.sentinel.events.settings.detector.LlmCostSetting;
import io.sentinel.events.settings.detector.LlmSetting;
import io.sentinel.events.settings.detector.NoveltySetting;
import io.sentinel.runtime.settings.RuntimeOverlay;
import io.sentinel.runtime.settings.RuntimeSettings;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The detector's machinery; the rules themselves are components found by scanning. */
@Configuration
class DetectorConfiguration {

    /** The one overlay of runtime settings on the configuration (see docs/adr/0010-typed-runtime-settings.md). */
    @Bean
    RuntimeOverlay runtimeOverlay(RuntimeSettings settings) {
        return new RuntimeOverlay(settings);
    }

    // Sections configured in exactly the shape of their runtime setting: bound straight into the setting's record.

    @Bean
    NoveltySetting noveltySetting(Environment environment) {
        return Binder.get(environment).bindOrCreate("sentinel.detector.novelty", NoveltySetting.class);
    }

    @Bean
    LlmSetting llmSetting(Environment environment) {
        return Binder.get(environment).bindOrCreate("sentinel.detector.llm", LlmSetting.class);
    }

    @Bean
    LlmCostSetting llmCostSetting(Environment environment) {
        return Binder.get(environment).bindOrCreate("sentinel.detector.llm-cost", LlmCostSetting.class);
    }

    @Bean
    LatencyEstimateSetting latencyEstimateSetting(Environment environment) {
        return Binder.get(environment).bindOrCreate("sentinel.detector.latency.estimate", LatencyEstimateSetting.class);
    }

    @Bean
    KeyLimits keyLimits(LimitsProperties properties, MeterRegistry meters) {
        return KeyLimits.of(properties, meters);
    }

    @Bean
    Conditions conditions(KeyLimits limits) {
        return new Conditions(limits);
    }

    @Bean
    NoiseControl noiseControl(NoiseProperties properties, RuntimeOverlay overlay, MeterRegistry meters) {
        return new NoiseControl(properties, overlay, meters);
    }

    @Bean
    IncidentManager incidentManager(IncidentProperties properties, NoiseControl noise) {
        return new IncidentManager(properties, noise);
    }

    @Bean
    IncidentSteps incidentSteps(IncidentManager manager, MeterRegistry meters) {
        return new IncidentSteps(manager, meters);
    }

    @Bean
    RuleEngine ruleEngine(List<DetectionRule> rules, List<ScheduledRule> scheduledRules, IncidentSteps incidents, TickRunner ticks,
                          Clock clock, MeterRegistry meters) {
        return new RuleEngine(rules, scheduledRules, incidents, ticks, clock, meters);
    }
}
