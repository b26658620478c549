package io.sentinel.detector.noise;

import io.micrometer.core.instrument.MeterRegistry;
import io.sentinel.detector.incident.Fingerprint;
import io.sentinel.detector.rule.DetectionContext;
import io.sentinel.detector.rule.Finding;
import io.sentinel.events.incident.Observation;
import io.sentinel.events.incident.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A budget on incidents opened per minute. Ten thousand conditions firing at once (a flood of
 * distinct alerts, a cardinality explosion) are one problem for the people on call, not ten thousand:
 * beyond {@code maxOpeningsPerMinute} openings within a minute (by the detector's clock) further
 * findings open no incident; instead the one storm incident (rule {@value #RULE}, critical) is opened,
 * and counted on while the storm lasts. It clears once a whole minute passed without a finding kept
 * from opening. The conditions themselves are still tracked, as under a silence: one that still holds
 * opens its incident at its next firing after the storm.
 * <p>
 * The openings are counted in the database, so every detector replica shares the budget; replicas
 * opening at the very same moment may each open one more than it.
 */
public final class IncidentStorm {

    public static final String RULE = "storm";
    public static final String RESOURCE = "detector";
    public static final String FINGERPRINT = Fingerprint.of(RULE, RESOURCE, Map.of());
    public static final Duration WINDOW = Duration.ofMinutes(1);
    static final String SIGNAL = "incidents_suppressed_per_minute";
    static final String PROPERTY = "sentinel.detector.noise.storm.max-openings-per-minute";

    private final int maxOpeningsPerMinute;
    private final MeterRegistry meters;

    public IncidentStorm(int maxOpeningsPerMinute, MeterRegistry meters) {
        if (maxOpeningsPerMinute < 1) {
            throw new IllegalArgumentException(PROPERTY + " must be at least 1, was " + maxOpeningsPerMinute);
        }
        this.maxOpeningsPerMinute = maxOpeningsPerMinute;
        this.meters = meters;
    }

    public int maxOpeningsPerMinute() {
        return maxOpeningsPerMinute;
    }

    /** Whether another incident may open now, given how many opened within the last minute. */
    public boolean allowsOpening(long openedWithinWindow) {
        return openedWithinWindow < maxOpeningsPerMinute;
    }

    /** Records a finding kept from opening its incident. */
    public void suppress(Finding.Firing firing, DetectionContext context) {
        context.attach(StormStore.class).suppressed(firing.fingerprint(), context.now());
        meters.counter("sentinel.detector.suppressed", "reason", "storm").increment();
    }

    /**
     * The storm incident's finding, to open it or to announce it, with how many incidents were
     * suppressed in the last minute ({@code latest}: the finding kept back last).
     */
    public Finding.Firing firing(Finding.Firing latest, DetectionContext context) {
        Instant now = context.now();
        long suppressed = context.attach(StormStore.class).suppressedSince(now.minus(WINDOW));
        String detail = suppressed + " incident" + (suppressed == 1 ? "" : "s") + " suppressed in the last minute: more than "
                + maxOpeningsPerMinute + " opened within a minute (" + PROPERTY + "); latest kept back: " + latest.rule() + " on "
                + latest.resource();
        return new Finding.Firing(FINGERPRINT, RULE, RESOURCE, Map.of(), Severity.CRITICAL,
                "Incident storm: over " + maxOpeningsPerMinute + " incidents in a minute, new ones suppressed",
                new Observation(SIGNAL, (double) suppressed, (double) maxOpeningsPerMinute, detail, now), null);
    }

    /**
     * On a tick: forgets suppressions older than the window; once none is left, the storm incident's
     * clearing (the caller knows whether one is open).
     */
    public Optional<Finding.Cleared> calmed(DetectionContext context) {
        Instant now = context.now();
        StormStore store = context.attach(StormStore.class);
        store.forgetBefore(now.minus(WINDOW));
        if (store.suppressedSince(now.minus(WINDOW)) > 0) {
            return Optional.empty();
        }
        return Optional.of(new Finding.Cleared(FINGERPRINT, new Observation(SIGNAL, 0.0, (double) maxOpeningsPerMinute,
                "no incident suppressed for a minute: at most " + maxOpeningsPerMinute + " opened within a minute again", now)));
    }
}
