package io.sentinel.analyzer.history.db;

import io.sentinel.analyzer.history.HistoryProperties;
import java.time.Clock;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Forgets incidents closed longer ago than {@code sentinel.analyzer.history.retention} (and, later,
 * incidents whose closing never arrived), hourly, in batches.
 */
@Component
public class HistoryRetention {

    static final int BATCH = 1_000;
    private static final Logger log = LoggerFactory.getLogger(HistoryRetention.class);

    private final Jdbi jdbi;
    private final HistoryProperties properties;
    private final Clock clock;

    public HistoryRetention(Jdbi jdbi, HistoryProperties properties, Clock clock) {
        this.jdbi = jdbi;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "PT1H", fixedDelayString = "PT1H")
    public void scheduled() {
        try {
            int deleted = expire();
            if (deleted > 0) {
                log.info("history retention forgot incidents={}", deleted);
            }
        } catch (RuntimeException e) {
            log.warn("history retention run failed; it runs again in an hour: {}", e.toString());
        }
    }

    public int expire() {
        Instant before = clock.instant().minus(properties.retention());
        int total = 0;
        int deleted;
        do {
            deleted = jdbi.inTransaction(handle -> handle.attach(HistoryDao.class).expireClosed(before, BATCH));
            total += deleted;
        } while (deleted >= BATCH);
        // Twice the retention for incidents still open: their closing was lost, or came before the analyzer listened.
        Instant staleBefore = clock.instant().minus(properties.retention().multipliedBy(2));
        do {
            deleted = jdbi.inTransaction(handle -> handle.attach(HistoryDao.class).expireStale(staleBefore, BATCH));
            total += deleted;
        } while (deleted >= BATCH);
        return total;
    }
}
