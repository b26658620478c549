package io.sentinel.detector.rule;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The rules' condition states, one row per fingerprint that is pending or active. */
public interface ConditionStore {

    /** A stored state and whose it is. */
    record Stored(String fingerprint, Instant pendingSince, boolean active) {

        ConditionState state() {
            return new ConditionState(pendingSince, active);
        }
    }

    /** All at once: a batch of samples is one round trip, not one per sample. */
    @SqlQuery("select fingerprint, pending_since, active from rule_condition where fingerprint in (<fingerprints>)")
    @RegisterConstructorMapper(Stored.class)
    List<Stored> findAll(@BindList("fingerprints") Collection<String> fingerprints);

    @SqlBatch("""
            insert into rule_condition (fingerprint, pending_since, active, updated_at)
            values (:fingerprint, :pendingSince, :active, :at)
            on conflict (fingerprint) do update
            set pending_since = excluded.pending_since, active = excluded.active, updated_at = excluded.updated_at""")
    void saveAll(List<String> fingerprint, List<Instant> pendingSince, List<Boolean> active, List<Instant> at);

    @SqlBatch("delete from rule_condition where fingerprint = :fingerprint")
    void forgetAll(List<String> fingerprint);
}
