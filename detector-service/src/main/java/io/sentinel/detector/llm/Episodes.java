package io.sentinel.detector.llm;

import java.time.Instant;
import java.util.List;

/**
 * Conditions that hold while their symptom keeps showing and clear after a quiet period without it
 * (agent loops, silent tool failures), one per active fingerprint in {@code llm_episode}. Kept so that
 * a restart neither forgets an active episode nor clears it early.
 */
public interface Episodes {

    record Ended(String fingerprint, String application, Instant lastSeen) {
    }

    void seen(String fingerprint, String rule, String application, Instant at);

    boolean ongoing(String fingerprint);

    /** Ends (and returns) at most {@code limit} of the rule's episodes whose symptom was last seen before {@code before}. */
    List<Ended> endQuietSince(String rule, Instant before, int limit);
}
