package io.sentinel.policy.brake.db;

import io.sentinel.policy.brake.BrakeProperties;
import io.sentinel.policy.brake.BrakeReadings;
import io.sentinel.runtime.consume.EventContext;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Reads the brakes in the transaction that decides, and records what it decided to run alone. The
 * decision lock is held from the reading to the commit, so the counts a decision saw are the counts.
 */
@Component
public class BrakeReadout {

    private final BrakeProperties limits;
    private final Clock clock;

    public BrakeReadout(BrakeProperties limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /** @param target the inventory target the proposal names; null if it names none */
    public BrakeReadings read(EventContext context, String target) {
        BrakeDao brakes = context.attach(BrakeDao.class);
        brakes.lockDecisions();
        Instant since = clock.instant().minus(limits.window());
        return new BrakeReadings(brakes.globalBrake().engaged(), target == null ? 0 : brakes.autoForTargetSince(target, since),
                brakes.autoSince(since));
    }

    public void recordAutomatic(EventContext context, String analysisEventId, String incidentId, String target) {
        context.attach(BrakeDao.class).recordAuto(analysisEventId, incidentId, target, clock.instant());
    }
}
