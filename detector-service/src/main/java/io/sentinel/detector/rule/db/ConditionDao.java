package io.sentinel.detector.rule.db;

import io.sentinel.detector.rule.ConditionStore;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** {@link ConditionStore} in {@code rule_condition}. */
public interface ConditionDao extends ConditionStore {

    @Override
    @SqlQuery("select fingerprint, pending_since, active from rule_condition where fingerprint in (<fingerprints>)")
    @RegisterConstructorMapper(Stored.class)
    List<Stored> findAll(@BindList("fingerprints") Collection<String> fingerprints);

    @Override
    @SqlBatch("""
            insert into rule_condition (fingerprint, pending_since, active, updated_at)
            values (:fingerprint, :pendingSince, :active, :at)
            on conflict (fingerprint) do update
            set pending_since = excluded.pending_since, active = excluded.active, updated_at = excluded.updated_at""")
    void saveAll(List<String> fingerprint, List<Instant> pendingSince, List<Boolean> active, List<Instant> at);

    @Override
    @SqlBatch("delete from rule_condition where fingerprint = :fingerprint")
    void forgetAll(List<String> fingerprint);
}
