package io.sentinel.detector.retention.db;

import io.sentinel.detector.noise.IncidentStorm;
import io.sentinel.detector.retention.RetentionProperties;
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
 * Deletes what the detector no longer needs, every {@code sentinel.detector.retention.interval}: resolved
 * incidents, idle conditions, forgotten known errors and silent services, stale LLM state, leftovers of an
 * incident storm. Each table in batches of {@value #BATCH} rows, each batch its own transaction, so the
 * signal stream never waits on a long delete. Every replica may run it; the deletes do not mind.
 */
@Component
public final class DetectorRetention {

    static final int BATCH = 5_000;
    private static final Logger log = LoggerFactory.getLogger(DetectorRetention.class);

    private final Jdbi jdbi;
    private final RetentionProperties properties;
    private final Clock clock;

    public DetectorRetention(Jdbi jdbi, RetentionProperties properties, Clock clock) {
        this.jdbi = jdbi;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${sentinel.detector.retention.interval:1h}", fixedDelayString = "${sentinel.detector.retention.interval:1h}")
    public void scheduled() {
        try {
            forgetOldState();
        } catch (RuntimeException e) {
            log.warn("retention run failed; it runs again in {}: {}", properties.interval(), e.toString());
        }
    }

    /** One run at the clock's time; returns the rows deleted per table. */
    public Map<String, Integer> forgetOldState() {
        Instant now = clock.instant();
        Map<String, Integer> deleted = new LinkedHashMap<>();
        deleted.put("incident", drain(store -> store.resolvedIncidents(now.minus(properties.resolvedIncidents()), BATCH)));
        deleted.put("rule_condition", drain(store -> store.idleConditions(now.minus(properties.idleConditions()), BATCH)));
        deleted.put("error_fingerprint", drain(store -> store.knownErrors(now.minus(properties.knownErrors()), BATCH)));
        deleted.put("novelty_service", drain(store -> store.silentServices(now.minus(properties.knownErrors()), BATCH)));
        deleted.put("llm_trace_bucket", drain(store -> store.traceBuckets(now.minus(properties.llmState()), BATCH)));
        deleted.put("llm_error_cascade", drain(store -> store.errorCascades(now.minus(properties.llmState()), BATCH)));
        deleted.put("llm_output_schema", drain(store -> store.outputSchemas(now.minus(properties.llmState()), BATCH)));
        deleted.put("llm_score_history", drain(store -> store.scoreHistories(now.minus(properties.llmState()), BATCH)));
        deleted.put("llm_tool_failure", drain(store -> store.toolFailures(now.minus(properties.llmState()), BATCH)));
        deleted.put("storm_suppression", jdbi.inTransaction(handle -> handle.attach(RetentionDao.class)
                .stormSuppressions(now.minus(IncidentStorm.WINDOW.multipliedBy(60)))));
        deleted.values().removeIf(count -> count == 0);
        if (!deleted.isEmpty()) {
            log.info("retention deleted rows={}", deleted);
        }
        return deleted;
    }

    private int drain(ToIntFunction<RetentionDao> batch) {
        int total = 0;
        int deleted;
        do {
            deleted = jdbi.inTransaction(handle -> batch.applyAsInt(handle.attach(RetentionDao.class)));
            total += deleted;
        } while (deleted >= BATCH);
        return total;
    }
}
