package io.sentinel.policy.brake.db;

import io.sentinel.policy.brake.BrakeProperties;
import java.time.Clock;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Forgets automatic actions and failures no brake counts any more (older than two windows). */
@Component
public class BrakeJanitor {

    private final Jdbi jdbi;
    private final BrakeProperties limits;
    private final Clock clock;

    public BrakeJanitor(Jdbi jdbi, BrakeProperties limits, Clock clock) {
        this.jdbi = jdbi;
        this.limits = limits;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "PT5M", fixedDelayString = "PT10M")
    public void forgetOld() {
        Instant before = clock.instant().minus(limits.window().multipliedBy(2));
        jdbi.useExtension(BrakeDao.class, brakes -> {
            brakes.forgetAutoBefore(before);
            brakes.forgetFailuresBefore(before);
        });
    }
}
