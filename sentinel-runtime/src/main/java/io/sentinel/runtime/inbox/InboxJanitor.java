package io.sentinel.runtime.inbox;

import java.time.Clock;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/** Forgets processed event ids once they are older than the retention. */
public final class InboxJanitor {

    private static final Logger log = LoggerFactory.getLogger(InboxJanitor.class);

    private final Jdbi jdbi;
    private final InboxProperties properties;
    private final Clock clock;

    public InboxJanitor(Jdbi jdbi, InboxProperties properties, Clock clock) {
        this.jdbi = jdbi;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
    public void forgetOldEntries() {
        int forgotten = jdbi.withHandle(handle -> handle.createUpdate("delete from inbox where processed_at < :cutoff")
                .bind("cutoff", clock.instant().minus(properties.retention()))
                .execute());
        if (forgotten > 0) {
            log.info("forgot {} processed event ids older than {}", forgotten, properties.retention());
        }
    }
}
