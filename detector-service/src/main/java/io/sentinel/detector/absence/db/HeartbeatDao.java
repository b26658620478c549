package io.sentinel.detector.absence.db;

import io.sentinel.detector.absence.HeartbeatStore;
import io.sentinel.detector.absence.StoredHeartbeat;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.json.Json;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@link HeartbeatStore} in {@code heartbeat}. */
@RegisterConstructorMapper(HeartbeatDao.Row.class)
public interface HeartbeatDao extends HeartbeatStore {

    String COLUMNS = "name, labels, every_ms, grace_ms, watched_since, last_beat_at";

    record Row(String name, @Json Map<String, String> labels, Long everyMs, Long graceMs, Instant watchedSince, Instant lastBeatAt) {

        StoredHeartbeat heartbeat() {
            return new StoredHeartbeat(name, labels, everyMs, graceMs, watchedSince, lastBeatAt);
        }
    }

    @SqlQuery("select " + COLUMNS + " from heartbeat order by name for update")
    List<Row> lockAllRows();

    @SqlQuery("select " + COLUMNS + " from heartbeat where name = :name for update")
    Optional<Row> lockRow(String name);

    @Override
    default List<StoredHeartbeat> lockAll() {
        return lockAllRows().stream().map(Row::heartbeat).toList();
    }

    @Override
    default Optional<StoredHeartbeat> lock(String name) {
        return lockRow(name).map(Row::heartbeat);
    }

    @Override
    @SqlUpdate("insert into heartbeat (name, watched_since, recorded_at) values (:name, :at, :at) on conflict (name) do nothing")
    void expect(String name, Instant at);

    @Override
    @SqlUpdate("""
            insert into heartbeat (name, labels, every_ms, grace_ms, watched_since, last_beat_at, recorded_at)
            values (:name, :labels, :everyMs, :graceMs, :at, :at, :recordedAt)
            on conflict (name) do update
            set labels = excluded.labels, every_ms = excluded.every_ms, grace_ms = excluded.grace_ms,
                last_beat_at = excluded.last_beat_at, recorded_at = excluded.recorded_at""")
    void beat(@Bind("name") String name, @Json @Bind("labels") Map<String, String> labels, @Bind("everyMs") Long everyMs,
              @Bind("graceMs") Long graceMs, @Bind("at") Instant at, @Bind("recordedAt") Instant recordedAt);

    @Override
    @SqlUpdate("delete from heartbeat where name = :name")
    void forget(String name);
}
