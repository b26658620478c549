package io.sentinel.executor.db;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface SnapshotDao {

    @SqlUpdate("""
            insert into snapshot (execution_id, body, taken_at) values (:executionId, :body, :takenAt)
            on conflict (execution_id) do nothing""")
    void insert(String executionId, String body, Instant takenAt);

    @SqlQuery("select body from snapshot where execution_id = :executionId")
    Optional<String> body(String executionId);
}
