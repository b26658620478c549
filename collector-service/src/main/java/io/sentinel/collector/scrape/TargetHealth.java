package io.sentinel.collector.scrape;

import java.time.Instant;

/**
 * What the collector knows about a target from its recent attempts.
 *
 * @param lastError why the last attempt failed; null once the target answers again
 */
public record TargetHealth(String name, String url, Instant lastAttemptAt, Instant lastSuccessAt, int consecutiveFailures,
                           String lastError) {

    public enum Status {
        /** Not attempted yet. */
        PENDING,
        HEALTHY,
        FAILING
    }

    public static TargetHealth pending(ScrapeTarget target) {
        return new TargetHealth(target.name(), target.url().toString(), null, null, 0, null);
    }

    public TargetHealth after(ScrapeOutcome outcome) {
        return switch (outcome) {
            case ScrapeOutcome.Scraped scraped -> new TargetHealth(name, url, scraped.at(), scraped.at(), 0, null);
            case ScrapeOutcome.Failed failed ->
                    new TargetHealth(name, url, failed.at(), lastSuccessAt, consecutiveFailures + 1, failed.reason());
        };
    }

    public Status status() {
        if (lastAttemptAt == null) {
            return Status.PENDING;
        }
        return consecutiveFailures > 0 ? Status.FAILING : Status.HEALTHY;
    }
}
