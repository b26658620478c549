package io.sentinel.detector.rule;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sentinel.detector.incident.IncidentManager;
import io.sentinel.events.signal.SignalEvent;
import io.sentinel.runtime.outbox.EventOutbox;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Offers every signal to every rule and every clock tick to every scheduled rule, and hands what they
 * find to the incident manager, in one transaction per signal and per tick.
 */
public final class RuleEngine {

    private static final Logger log = LoggerFactory.getLogger(RuleEngine.class);

    private final List<DetectionRule> rules;
    private final List<ScheduledRule> scheduledRules;
    private final IncidentManager incidents;
    private final Jdbi jdbi;
    private final EventOutbox outbox;
    private final Clock clock;
    private final MeterRegistry meters;

    public RuleEngine(List<DetectionRule> rules, List<ScheduledRule> scheduledRules, IncidentManager incidents, Jdbi jdbi,
                      EventOutbox outbox, Clock clock, MeterRegistry meters) {
        this.rules = List.copyOf(rules);
        this.scheduledRules = List.copyOf(scheduledRules);
        this.incidents = incidents;
        this.jdbi = jdbi;
        this.outbox = outbox;
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

    /**
     * One tick for every scheduled rule, then the settling of flapping incidents and the end of an incident storm. Only one detector
     * replica ticks at a time (an advisory lock), so a missed heartbeat opens one incident, not one
     * per replica.
     */
    @Scheduled(fixedDelayString = "${sentinel.detector.tick-interval:5s}", initialDelayString = "${sentinel.detector.tick-interval:5s}")
    public void tick() {
        Instant now = clock.instant();
        for (ScheduledRule rule : scheduledRules) {
            inTickTransaction(now, rule.family(), context -> incidents.apply(rule.onTick(context), context));
        }
        inTickTransaction(now, "settle", incidents::resolveSettled);
        inTickTransaction(now, "storm", incidents::endStorm);
    }

    private void inTickTransaction(Instant now, String what, java.util.function.Consumer<DetectionContext> work) {
        try {
            jdbi.useTransaction(handle -> {
                // Keyed by schema: detectors with schemas of their own in one database do not share the clock.
                boolean leader = handle.createQuery("select pg_try_advisory_xact_lock(hashtext(current_schema() || '.detector-tick'))")
                        .mapTo(Boolean.class).one();
                if (leader) {
                    work.accept(new TickDetectionContext(handle, outbox, "tick|" + what + "|" + now.toEpochMilli(), now));
                }
            });
        } catch (RuntimeException e) {
            log.warn("tick failed for {}; it runs again at the next tick: {}", what, e.toString());
        }
    }

    private Timer evaluationTimer(String family) {
        return Timer.builder("sentinel.detector.evaluation").tag("rule", family)
                .description("Time a rule family takes to evaluate one signal").register(meters);
    }
}
