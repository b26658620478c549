package io.sentinel.detector.rule;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** The rules' condition states ({@code rule_condition}), one per fingerprint that is pending or active. */
public interface ConditionStore {

    /** A stored state and whose it is. */
    record Stored(String fingerprint, Instant pendingSince, boolean active) {

        ConditionState state() {
            return new ConditionState(pendingSince, active);
        }
    }

    /** All at once: a batch of samples is one round trip, not one per sample. */
    List<Stored> findAll(Collection<String> fingerprints);

    void saveAll(List<String> fingerprint, List<Instant> pendingSince, List<Boolean> active, List<Instant> at);

    void forgetAll(List<String> fingerprint);
}
