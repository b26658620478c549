package io.sentinel.detector;

import io.micrometer.core.instrument.MeterRegistry;
import io.sentinel.detector.incident.IncidentLifecycle;
import io.sentinel.detector.incident.IncidentManager;
import io.sentinel.detector.incident.IncidentProperties;
import io.sentinel.detector.limits.KeyLimits;
import io.sentinel.detector.limits.LimitsProperties;
import io.sentinel.detector.noise.NoiseControl;
import io.sentinel.detector.noise.NoiseProperties;
import io.sentinel.detector.remediation.RemediationTracker;
import io.sentinel.detector.rule.Conditions;
import io.sentinel.detector.rule.DetectionRule;
import io.sentinel.detector.rule.RuleEngine;
import io.sentinel.detector.rule.ScheduledRule;
import io.sentinel.events.EventCodec;
import io.sentinel.runtime.outbox.EventOutbox;
import io.sentinel.runtime.settings.RuntimeSettings;
import io.sentinel.runtime.settings.SettingValues;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The detector's machinery; the rules themselves are components found by scanning. */
@Configuration
class DetectorConfiguration {

    @Bean
    KeyLimits keyLimits(LimitsProperties properties, MeterRegistry meters) {
        return KeyLimits.of(properties, meters);
    }

    @Bean
    Conditions conditions(KeyLimits limits) {
        return new Conditions(limits);
    }

    @Bean
    NoiseControl noiseControl(NoiseProperties properties, RuntimeSettings settings, SettingValues values, MeterRegistry meters) {
        return new NoiseControl(properties, settings, values, meters);
    }

    @Bean
    IncidentLifecycle incidentLifecycle() {
        return new IncidentLifecycle();
    }

    @Bean
    IncidentManager incidentManager(IncidentProperties properties, NoiseControl noise, IncidentLifecycle lifecycle, EventCodec codec) {
        return new IncidentManager(properties, noise, lifecycle, codec.mapper());
    }

    @Bean
    RuleEngine ruleEngine(List<DetectionRule> rules, List<ScheduledRule> scheduledRules, IncidentManager incidents, Jdbi jdbi,
                          EventOutbox outbox, Clock clock, MeterRegistry meters) {
        return new RuleEngine(rules, scheduledRules, incidents, jdbi, outbox, clock, meters);
    }

    @Bean
    RemediationTracker remediationTracker(IncidentLifecycle lifecycle, Clock clock) {
        return new RemediationTracker(lifecycle, clock);
    }
}
