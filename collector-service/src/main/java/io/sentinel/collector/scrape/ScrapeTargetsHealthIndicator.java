package io.sentinel.collector.scrape;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The scrape targets' health, as {@code scrapeTargets} in {@code /actuator/health}. Always UP: a
 * dead target is someone else's outage, which the collector reports rather than suffers from. Were
 * it DOWN, Kubernetes would take the collector out of service, or restart it, for nothing, and the
 * collector would stop reporting every other target too.
 */
public final class ScrapeTargetsHealthIndicator implements HealthIndicator {

    private final ScrapeTargetHealth health;

    public ScrapeTargetsHealthIndicator(ScrapeTargetHealth health) {
        this.health = health;
    }

    @Override
    public Health health() {
        List<TargetHealth> targets = health.all();
        Map<String, Object> details = new LinkedHashMap<>();
        for (TargetHealth target : targets) {
            details.put(target.name(), details(target));
        }
        return Health.up()
                .withDetail("failing", targets.stream().filter(t -> t.status() == TargetHealth.Status.FAILING).map(TargetHealth::name).toList())
                .withDetail("targets", details)
                .build();
    }

    private static Map<String, Object> details(TargetHealth target) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("status", target.status().name().toLowerCase(Locale.ROOT));
        details.put("consecutiveFailures", target.consecutiveFailures());
        if (target.lastError() != null) {
            details.put("lastError", target.lastError());
        }
        if (target.lastAttemptAt() != null) {
            details.put("lastAttemptAt", target.lastAttemptAt().toString());
        }
        if (target.lastSuccessAt() != null) {
            details.put("lastSuccessAt", target.lastSuccessAt().toString());
        }
        return details;
    }
}
