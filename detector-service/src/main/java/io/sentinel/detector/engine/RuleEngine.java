package io.sentinel.detector.engine;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sentinel.detector.incident.IncidentSteps;
import io.sentinel.detector.rule.DetectionContext;
import io.sentinel.detector.rule.DetectionRule;
import io.sentinel.detector.rule.Finding;
import io.sentinel.detector.rule.ScheduledRule;
import io.sentinel.events.signal.SignalEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Offers every signal to every rule and every clock tick to every scheduled rule, and hands what they
 * find to the incident steps, in one unit of work per signal and per tick.
 */
public final class RuleEngine {

    private static final Logger log = LoggerFactory.getLogger(RuleEngine.class);

    private final List<DetectionRule> rules;
    private final List<ScheduledRule> scheduledRules;
    private final IncidentSteps incidents;
    private final TickRunner ticks;
    private final Clock clock;
    private final MeterRegistry meters;

    public RuleEngine(List<DetectionRule> rules, List<ScheduledRule> scheduledRules, IncidentSteps incidents, TickRunner ticks, Clock clock,
                      MeterRegistry meters) {
        this.rules = List.copyOf(rules);
        this.scheduledRules = List.copyOf(scheduledRules);
        this.incidents = incidents;
        this.ticks = ticks;
        this.clock = clock;
        this.meters = meters;
        log.info("detection rules={} scheduled={}", this.rules.stream().map(DetectionRule::family).toList(),
                this.scheduledRules.stream().map(ScheduledRule::family).toList());
    }

    public void onSignal(SignalEvent signal, DetectionContext context) {
        for (DetectionRule rule : rules) {
            List<Finding> findings = evaluationTimer(rule.family()).record(() -> rule.onSignal(signal, context));
            incidents.apply(findings, context);
        }
    }

    /** One tick for every scheduled rule, then the settling of flapping incidents and the end of an incident storm. */
    @Scheduled(fixedDelayString = "${sentinel.detector.tick-interval:5s}", initialDelayString = "${sentinel.detector.tick-interval:5s}")
    public void tick() {
        Instant now = clock.instant();
        for (ScheduledRule rule : scheduledRules) {
            ticks.run(now, rule.family(), context -> incidents.apply(rule.onTick(context), context));
        }
        ticks.run(now, "settle", incidents::settle);
        ticks.run(now, "storm", incidents::endStorm);
    }

    private Timer evaluationTimer(String family) {
        return Timer.builder("sentinel.detector.evaluation").tag("rule", family)
                .description("Time a rule family takes to evaluate one signal").register(meters);
    }
}
