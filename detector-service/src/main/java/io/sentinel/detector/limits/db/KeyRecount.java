package io.sentinel.detector.limits.db;

import io.sentinel.detector.limits.KeyLimits;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Counts every rule family's keys in the database at start and every recount interval. */
@Component
public final class KeyRecount {

    private static final Logger log = LoggerFactory.getLogger(KeyRecount.class);

    private final KeyLimits limits;
    private final Jdbi jdbi;

    public KeyRecount(KeyLimits limits, Jdbi jdbi) {
        this.limits = limits;
        this.jdbi = jdbi;
    }

    @Scheduled(initialDelay = 0, fixedDelayString = "${sentinel.detector.limits.recount-interval:1m}")
    public void recount() {
        try {
            limits.recounted(jdbi.withHandle(KeyCounts::count));
        } catch (RuntimeException e) {
            log.warn("could not count the rule families' keys; keeping the running counts: {}", e.toString());
        }
    }
}
