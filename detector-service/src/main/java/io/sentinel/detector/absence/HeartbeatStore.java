package io.sentinel.detector.absence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The heartbeats ({@code heartbeat}). Readers lock the rows they judge, so a beat and a tick never
 * decide on one heartbeat at once (the tick could otherwise fire on a beat it did not see yet).
 */
@RegisterConstructorMapper(HeartbeatRow.class)
public interface HeartbeatStore {

    String COLUMNS = "name, labels::text as labels, every_ms, grace_ms, watched_since, last_beat_at";

    @SqlQuery("select " + COLUMNS + " from heartbeat order by name for update")
    List<HeartbeatRow> lockAll();

    @SqlQuery("select " + COLUMNS + " from heartbeat where name = :name for update")
    Optional<HeartbeatRow> lock(String name);

    /** A configured heartbeat is watched from the first time the detector expected it, restarts included. */
    @SqlUpdate("insert into heartbeat (name, watched_since, recorded_at) values (:name, :at, :at) on conflict (name) do nothing")
    void expect(String name, Instant at);

    @SqlUpdate("""
            insert into heartbeat (name, labels, every_ms, grace_ms, watched_since, last_beat_at, recorded_at)
            values (:name, cast(:labels as jsonb), :everyMs, :graceMs, :at, :at, :recordedAt)
            on conflict (name) do update
            set labels = excluded.labels, every_ms = excluded.every_ms, grace_ms = excluded.grace_ms,
                last_beat_at = excluded.last_beat_at, recorded_at = excluded.recorded_at""")
    void beat(String name, String labels, Long everyMs, Long graceMs, Instant at, Instant recordedAt);

    @SqlUpdate("delete from heartbeat where name = :name")
    void forget(String name);
}
