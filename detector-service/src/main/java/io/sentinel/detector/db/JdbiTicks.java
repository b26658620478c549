package io.sentinel.detector.db;

import io.sentinel.detector.engine.TickRunner;
import io.sentinel.detector.rule.DetectionContext;
import io.sentinel.runtime.outbox.EventOutbox;
import java.time.Instant;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Each piece of a tick in a transaction of its own, on the one replica that holds the tick's advisory
 * lock; a piece that fails is logged and runs again at the next tick.
 */
@Component
public final class JdbiTicks implements TickRunner {

    private static final Logger log = LoggerFactory.getLogger(JdbiTicks.class);

    private final Jdbi jdbi;
    private final EventOutbox outbox;

    public JdbiTicks(Jdbi jdbi, EventOutbox outbox) {
        this.jdbi = jdbi;
        this.outbox = outbox;
    }

    @Override
    public void run(Instant now, String what, Consumer<DetectionContext> work) {
        try {
            jdbi.useTransaction(handle -> {
                // Keyed by schema: detectors with schemas of their own in one database do not share the clock.
                boolean leader = handle.createQuery("select pg_try_advisory_xact_lock(hashtext(current_schema() || '.detector-tick'))")
                        .mapTo(Boolean.class).one();
                if (leader) {
                    work.accept(JdbiDetectionContext.ofTick(handle, outbox, "tick|" + what + "|" + now.toEpochMilli(), now));
                }
            });
        } catch (RuntimeException e) {
            log.warn("tick failed for {}; it runs again at the next tick: {}", what, e.toString());
        }
    }
}
