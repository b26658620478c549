package io.sentinel.detector.incident;

import io.sentinel.detector.noise.IncidentLabels;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the incident manager reads to decide, in the unit of work it decides in. Read-only; an
 * incident read here is locked until the unit of work ends, so a signal and a tick never decide on
 * one incident at once.
 */
public interface IncidentFacts {

    Optional<OpenIncident> openByFingerprint(String fingerprint);

    Optional<OpenIncident> open(String incidentId);

    /** Every open incident's labels, for inhibitions. */
    List<IncidentLabels> openLabels();

    /** Incidents opened since {@code since} by the detector's clock, the storm incident left out: what the storm budget counts. */
    long openedSince(Instant since);

    /** How often the fingerprint's incident opened since {@code since}, by the signals' time: what flapping counts. */
    long openingsSince(String fingerprint, Instant since);

    /** Settling incidents (see {@link IncidentPhase#SETTLING}) whose condition has stayed clear since before {@code clearedBefore}. */
    List<OpenIncident> settlingSince(Instant clearedBefore);

    /** Fingerprints kept from opening by the storm budget since {@code since}, {@code excluding} one of them. */
    long stormSuppressedSince(Instant since, String excluding);
}
