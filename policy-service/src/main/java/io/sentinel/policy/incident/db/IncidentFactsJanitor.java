package io.sentinel.policy.incident.db;

import io.sentinel.policy.incident.IncidentProperties;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Forgets incidents the detector has said nothing about for {@code sentinel.policy.incidents.keep-for}. */
@Component
public class IncidentFactsJanitor {

    private static final Logger log = LoggerFactory.getLogger(IncidentFactsJanitor.class);

    private final Jdbi jdbi;
    private final IncidentProperties properties;
    private final Clock clock;

    public IncidentFactsJanitor(Jdbi jdbi, IncidentProperties properties, Clock clock) {
        this.jdbi = jdbi;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "PT10M", fixedDelayString = "PT1H")
    public void forgetOld() {
        int forgotten = jdbi.withExtension(IncidentFactsDao.class, facts -> facts.forgetBefore(clock.instant().minus(properties.keepFor())));
        if (forgotten > 0) {
            log.info("forgot incident facts count={} keepFor={}", forgotten, properties.keepFor());
        }
    }
}
