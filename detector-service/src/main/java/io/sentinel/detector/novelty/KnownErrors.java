package io.sentinel.detector.novelty;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The errors each service is known to produce ({@code error_fingerprint}) and when its logs started ({@code novelty_service}). */
public interface KnownErrors {

    /** A known error as the rule needs it: whether its incident condition is still active. */
    record Known(String fingerprint, boolean active) {
    }

    /** An active new error that has gone quiet. */
    record Quiet(String service, String fingerprint, String normalizedMessage, Instant lastSeen) {
    }

    boolean serviceKnown(String service);

    /** Records the service's first log, once; returns when its logs started (the start of its learning period). */
    Instant firstLog(String service, Instant at);

    Optional<Known> find(String service, String fingerprint);

    void insert(String service, String fingerprint, String exceptionType, String normalizedMessage, String sampleMessage,
                Instant firstSeen, Instant lastSeen, long occurrences, boolean learned);

    void countKnown(String service, int added);

    void recur(String service, String fingerprint, long occurrences, Instant lastSeen);

    /**
     * Forgets the least recently seen known errors of a service beyond {@code max}. Errors with an
     * active incident condition are kept: forgetting them would leave their incident unable to clear.
     */
    int forgetBeyond(String service, int max);

    /** Deactivates (and returns) at most {@code limit} active errors last seen before {@code before}. */
    List<Quiet> quietSince(Instant before, int limit);
}
