package io.sentinel.policy.brake.db;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jdbi.v3.core.Jdbi;
import org.springframework.stereotype.Component;

/**
 * {@code sentinel_policy_brake_engaged}: 1 while the global brake is engaged, read from the database on
 * every scrape, so that every replica reports what the brake is, not what it last did to it.
 */
@Component
public class BrakeMetrics {

    private final Jdbi jdbi;

    public BrakeMetrics(Jdbi jdbi, MeterRegistry meters) {
        this.jdbi = jdbi;
        Gauge.builder("sentinel.policy.brake.engaged", this, BrakeMetrics::engaged)
                .description("1 while the global brake is engaged (every action needs approval until an admin releases it)")
                .register(meters);
    }

    double engaged() {
        return jdbi.withExtension(BrakeDao.class, brakes -> brakes.globalBrake().engaged()) ? 1 : 0;
    }
}
