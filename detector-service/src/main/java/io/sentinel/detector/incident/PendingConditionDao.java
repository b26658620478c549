package io.sentinel.detector.incident;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface PendingConditionDao {

    @SqlQuery("select since from pending_condition where fingerprint = :fingerprint")
    Optional<Instant> since(String fingerprint);

    @SqlUpdate("""
            insert into pending_condition (fingerprint, since) values (:fingerprint, :since)
            on conflict (fingerprint) do nothing""")
    void start(String fingerprint, Instant since);

    @SqlUpdate("delete from pending_condition where fingerprint = :fingerprint")
    void clear(String fingerprint);
}
