package io.sentinel.detector.absence;

import io.sentinel.events.settings.detector.HeartbeatSetting;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One heartbeat as the rule judges it: its last beat (or, never seen, since when it is expected), how
 * often it must beat and how late it may be. Pure.
 */
public record HeartbeatWatch(String name, Instant lastBeatAt, Instant watchedSince, Duration every, Duration grace) {

    static final Duration MIN_DEFAULT_GRACE = Duration.ofMinutes(1);

    /**
     * The expectation: what the beats say, else the configuration, for {@code every} and {@code grace}
     * each; a grace nobody gave is {@code defaultGrace}, else 10% of {@code every} but at least a minute.
     * Empty when neither the beats nor the configuration say how often: nothing to expect.
     */
    public static Optional<HeartbeatWatch> of(String name, Instant lastBeatAt, Instant watchedSince, Duration beatEvery, Duration beatGrace,
                                              HeartbeatSetting configured, Duration defaultGrace) {
        Duration every = beatEvery != null ? beatEvery : configured != null ? configured.every() : null;
        if (every == null) {
            return Optional.empty();
        }
        Duration grace = beatGrace != null ? beatGrace
                : configured != null && configured.grace() != null ? configured.grace()
                : defaultGrace != null ? defaultGrace
                : max(every.dividedBy(10), MIN_DEFAULT_GRACE);
        return Optional.of(new HeartbeatWatch(name, lastBeatAt, watchedSince, every, grace));
    }

    public Instant expectedBy() {
        return (lastBeatAt != null ? lastBeatAt : watchedSince).plus(every).plus(grace);
    }

    public boolean missedAt(Instant now) {
        return now.isAfter(expectedBy());
    }

    /** "nightly-backup missed its heartbeat: last at …, expected by …". */
    public String describe() {
        return lastBeatAt != null
                ? name + " missed its heartbeat: last at " + lastBeatAt + ", expected by " + expectedBy() + " (every " + every + ", grace "
                + grace + ")"
                : name + " missed its heartbeat: none seen since it was expected from " + watchedSince + ", expected by " + expectedBy()
                + " (every " + every + ", grace " + grace + ")";
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
