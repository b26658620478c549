package io.sentinel.policy.brake.db;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sentinel.events.approval.BrakeReleased;
import io.sentinel.policy.brake.GlobalBrake;
import io.sentinel.policy.brake.GlobalBrakeState;
import io.sentinel.runtime.consume.EventContext;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Applies {@link GlobalBrake}'s verdict on a release in the transaction the release is handled in. */
@Component
public class BrakeReleases {

    private static final Logger log = LoggerFactory.getLogger(BrakeReleases.class);

    private final GlobalBrake brake;
    private final Clock clock;
    private final Counter refused;

    public BrakeReleases(GlobalBrake brake, Clock clock, MeterRegistry meters) {
        this.brake = brake;
        this.clock = clock;
        this.refused = Counter.builder("sentinel.policy.brake.releases.refused")
                .description("Releases of the global brake by people without ADMIN, refused although the gateway published them")
                .register(meters);
    }

    public void onRelease(BrakeReleased release, EventContext context) {
        BrakeDao brakes = context.attach(BrakeDao.class);
        boolean seenBefore = brakes.recordRelease(release.releaseId(), release.releasedBy(), clock.instant()) == 0;
        GlobalBrakeState state = brakes.lockGlobalBrake();
        switch (brake.onRelease(state, release, seenBefore)) {
            case GlobalBrake.Release released -> {
                brakes.release(clock.instant(), release.releasedBy(), release.reason());
                brakes.releaseOutcome(release.releaseId(), "released");
                log.warn("global brake released by={} releaseId={} reason=\"{}\" engagedAt={}", release.releasedBy(), release.releaseId(),
                        release.reason(), state.engagedAt());
            }
            case GlobalBrake.Ignore ignore -> {
                if (!seenBefore) {
                    brakes.releaseOutcome(release.releaseId(), "ignored");
                }
                log.info("ignoring brake release releaseId={} by={} reason=\"{}\"", release.releaseId(), release.releasedBy(), ignore.reason());
            }
            case GlobalBrake.Refuse refuse -> {
                refused.increment();
                if (!seenBefore) {
                    brakes.releaseOutcome(release.releaseId(), "refused");
                }
                log.warn("refusing brake release releaseId={} by={} roles={} reason=\"{}\"", release.releaseId(), release.releasedBy(),
                        release.releaserRoles(), refuse.reason());
            }
        }
    }
}
