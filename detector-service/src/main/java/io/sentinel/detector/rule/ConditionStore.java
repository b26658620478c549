package io.sentinel.detector.rule;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The rules' condition states, one row per fingerprint that is pending or active. */
@RegisterConstructorMapper(ConditionState.class)
public interface ConditionStore {

    @SqlQuery("select pending_since, active from rule_condition where fingerprint = :fingerprint")
    Optional<ConditionState> find(String fingerprint);

    @SqlUpdate("""
            insert into rule_condition (fingerprint, pending_since, active, updated_at)
            values (:fingerprint, :pendingSince, :active, :at)
            on conflict (fingerprint) do update
            set pending_since = excluded.pending_since, active = excluded.active, updated_at = excluded.updated_at""")
    void save(String fingerprint, Instant pendingSince, boolean active, Instant at);

    @SqlUpdate("delete from rule_condition where fingerprint = :fingerprint")
    void forget(String fingerprint);
}
