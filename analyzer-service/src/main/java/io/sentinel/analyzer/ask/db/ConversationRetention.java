package io.sentinel.analyzer.ask.db;

import io.sentinel.analyzer.ask.AskProperties;
import java.time.Clock;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Forgets conversation turns older than {@code sentinel.analyzer.ask.history-ttl}, every ten minutes, in batches. */
@Component
public class ConversationRetention {

    static final int BATCH = 5_000;
    private static final Logger log = LoggerFactory.getLogger(ConversationRetention.class);

    private final Jdbi jdbi;
    private final AskProperties properties;
    private final Clock clock;

    public ConversationRetention(Jdbi jdbi, AskProperties properties, Clock clock) {
        this.jdbi = jdbi;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "PT10M", fixedDelayString = "PT10M")
    public void scheduled() {
        try {
            expire();
        } catch (RuntimeException e) {
            log.warn("conversation retention run failed; it runs again in ten minutes: {}", e.toString());
        }
    }

    public int expire() {
        Instant before = clock.instant().minus(properties.historyTtl());
        int total = 0;
        int deleted;
        do {
            deleted = jdbi.inTransaction(handle -> handle.attach(ConversationDao.class).expire(before, BATCH));
            total += deleted;
        } while (deleted >= BATCH);
        return total;
    }
}
