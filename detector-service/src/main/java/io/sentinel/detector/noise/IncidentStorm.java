package io.sentinel.detector.noise;

import io.sentinel.detector.rule.Finding;
import io.sentinel.detector.rule.Fingerprint;
import io.sentinel.events.incident.Observation;
import io.sentinel.events.incident.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A budget on incidents opened per minute. Ten thousand conditions firing at once (a flood of
 * distinct alerts, a cardinality explosion) are one problem for the people on call, not ten thousand:
 * beyond {@code maxOpeningsPerMinute} openings within a minute (by the detector's clock) further
 * findings open no incident; instead the one storm incident (rule {@value #RULE}, critical) is opened,
 * and counted on while the storm lasts. It clears once a whole minute passed without a finding kept
 * from opening. The conditions themselves are still tracked, as under a silence: one that still holds
 * opens its incident at its next firing after the storm.
 * <p>
 * The openings and suppressions are counted in the database, so every detector replica shares the
 * budget; replicas opening at the very same moment may each open one more than it. Pure: the counts
 * come in, the storm incident's finding comes out.
 */
public final class IncidentStorm {

    public static final String RULE = "storm";
    public static final String RESOURCE = "detector";
    public static final String FINGERPRINT = Fingerprint.of(RULE, RESOURCE, Map.of());
    public static final Duration WINDOW = Duration.ofMinutes(1);
    static final String SIGNAL = "incidents_suppressed_per_minute";
    static final String PROPERTY = "sentinel.detector.noise.storm.max-openings-per-minute";

    private final int maxOpeningsPerMinute;

    public IncidentStorm(int maxOpeningsPerMinute) {
        if (maxOpeningsPerMinute < 1) {
            throw new IllegalArgumentException(PROPERTY + " must be at least 1, was " + maxOpeningsPerMinute);
        }
        this.maxOpeningsPerMinute = maxOpeningsPerMinute;
    }

    public int maxOpeningsPerMinute() {
        return maxOpeningsPerMinute;
    }

    /** Whether another incident may open now, given how many opened within the last minute. */
    public boolean allowsOpening(long openedWithinWindow) {
        return openedWithinWindow < maxOpeningsPerMinute;
    }

    /**
     * The storm incident's finding, to open it or to announce it.
     *
     * @param latest     the finding kept back last
     * @param suppressed how many findings were kept back within the last minute, {@code latest} included
     */
    public Finding.Firing firing(Finding.Firing latest, long suppressed, Instant now) {
        String detail = suppressed + " incident" + (suppressed == 1 ? "" : "s") + " suppressed in the last minute: more than "
                + maxOpeningsPerMinute + " opened within a minute (" + PROPERTY + "); latest kept back: " + latest.rule() + " on "
                + latest.resource();
        return new Finding.Firing(FINGERPRINT, RULE, RESOURCE, Map.of(), Severity.CRITICAL,
                "Incident storm: over " + maxOpeningsPerMinute + " incidents in a minute, new ones suppressed",
                new Observation(SIGNAL, (double) suppressed, (double) maxOpeningsPerMinute, detail, now), null);
    }

    /** The storm incident's clearing, once no finding was kept back within the last minute. */
    public Finding.Cleared calm(Instant now) {
        return new Finding.Cleared(FINGERPRINT, new Observation(SIGNAL, 0.0, (double) maxOpeningsPerMinute,
                "no incident suppressed for a minute: at most " + maxOpeningsPerMinute + " opened within a minute again", now));
    }
}
