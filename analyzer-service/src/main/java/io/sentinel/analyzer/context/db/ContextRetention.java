package io.sentinel.analyzer.context.db;

import io.sentinel.analyzer.context.ContextProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes what fell out of the window, every {@code sentinel.analyzer.context.retention-interval}, in
 * batches of {@value #BATCH} rows, each its own transaction, so the signal stream never waits on a
 * long delete. Every replica may run it; the deletes do not mind.
 */
@Component
public class ContextRetention {

    static final int BATCH = 5_000;
    private static final Logger log = LoggerFactory.getLogger(ContextRetention.class);

    private final Jdbi jdbi;
    private final ContextProperties properties;
    private final Clock clock;

    public ContextRetention(Jdbi jdbi, ContextProperties properties, Clock clock) {
        this.jdbi = jdbi;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${sentinel.analyzer.context.retention-interval:1m}",
            fixedDelayString = "${sentinel.analyzer.context.retention-interval:1m}")
    public void scheduled() {
        try {
            expire();
        } catch (RuntimeException e) {
            log.warn("context retention run failed; it runs again in {}: {}", properties.retentionInterval(), e.toString());
        }
    }

    /** One run at the clock's time; returns the rows deleted per table. */
    public Map<String, Integer> expire() {
        Instant now = clock.instant();
        Map<String, Integer> deleted = new LinkedHashMap<>();
        deleted.put("signal_point", drain(dao -> dao.expirePoints(now.minus(properties.signalWindow()), BATCH)));
        deleted.put("log_line", drain(dao -> dao.expireLogLines(now.minus(properties.logWindow()), BATCH)));
        deleted.put("llm_trace", drain(dao -> dao.expireTraces(now.minus(properties.traceWindow()), BATCH)));
        deleted.values().removeIf(count -> count == 0);
        if (!deleted.isEmpty()) {
            log.debug("context retention deleted rows={}", deleted);
        }
        return deleted;
    }

    private int drain(ToIntFunction<ContextDao> batch) {
        int total = 0;
        int deleted;
        do {
            deleted = jdbi.inTransaction(handle -> batch.applyAsInt(handle.attach(ContextDao.class)));
            total += deleted;
        } while (deleted >= BATCH);
        return total;
    }
}
