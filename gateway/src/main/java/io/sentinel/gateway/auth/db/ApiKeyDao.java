package io.sentinel.gateway.auth.db;

import io.sentinel.events.approval.Role;
import io.sentinel.gateway.auth.ApiKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(ApiKey.class)
public interface ApiKeyDao {

    String COLUMNS = "id, name, role, created_at, created_by, last_used_at, revoked_at";

    @SqlQuery("select " + COLUMNS + " from api_key where key_hash = :keyHash")
    Optional<ApiKey> findByHash(String keyHash);

    @SqlQuery("select " + COLUMNS + " from api_key where id = :id")
    Optional<ApiKey> find(String id);

    @SqlQuery("select " + COLUMNS + " from api_key order by created_at, id")
    List<ApiKey> list();

    @SqlQuery("select exists (select 1 from api_key where role = 'ADMIN' and revoked_at is null)")
    boolean activeAdminExists();

    /** @return false if a key with this hash exists already */
    @SqlUpdate("""
            insert into api_key (id, name, role, key_hash, created_at, created_by)
            values (:id, :name, :role, :keyHash, :createdAt, :createdBy)
            on conflict (key_hash) do nothing""")
    boolean insert(String id, String name, Role role, String keyHash, Instant createdAt, String createdBy);

    /** Guarded in SQL too, so that concurrent requests with one key write once, not once each. */
    @SqlUpdate("""
            update api_key set last_used_at = :now
            where id = :id and (last_used_at is null or last_used_at <= :lastRecordedBefore)""")
    void recordUse(String id, Instant now, Instant lastRecordedBefore);

    /** @return false if the key was revoked already */
    @SqlUpdate("update api_key set revoked_at = :at where id = :id and revoked_at is null")
    boolean revoke(String id, Instant at);
}
