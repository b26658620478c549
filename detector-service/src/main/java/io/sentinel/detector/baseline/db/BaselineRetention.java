package io.sentinel.detector.baseline.db;

import io.sentinel.detector.baseline.BaselineProperties;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the baselines' tables bounded: hourly aggregates older than the 7-day window and the hour in
 * progress, EWMA series not seen for {@code forget-after}. Hourly, by the wall clock.
 */
@Component
public final class BaselineRetention {

    static final Duration HOURLY_RETENTION = Duration.ofDays(8);
    private static final Logger log = LoggerFactory.getLogger(BaselineRetention.class);

    private final Jdbi jdbi;
    private final BaselineProperties properties;
    private final Clock clock;

    public BaselineRetention(Jdbi jdbi, BaselineProperties properties, Clock clock) {
        this.jdbi = jdbi;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = 1, initialDelay = 1, timeUnit = TimeUnit.HOURS)
    public void forgetOldBaselines() {
        Instant now = clock.instant();
        jdbi.useTransaction(handle -> {
            int hours = handle.attach(HourlyAggregateDao.class).forgetBefore(now.minus(HOURLY_RETENTION));
            int series = handle.attach(EwmaDao.class).forgetNotSeenSince(now.minus(properties.forgetAfter()));
            if (hours > 0 || series > 0) {
                log.info("baselines trimmed hourlyAggregates={} ewmaSeries={}", hours, series);
            }
        });
    }
}
