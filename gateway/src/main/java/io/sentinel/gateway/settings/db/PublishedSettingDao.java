package io.sentinel.gateway.settings.db;

import io.sentinel.gateway.settings.PublishedSetting;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface PublishedSettingDao {

    /**
     * Waits until no other transaction writes this setting, then holds it until this transaction
     * ends. An advisory lock rather than a row lock, because the first change of a setting has no
     * row to lock yet; it is database-wide, so gateway replicas queue behind each other too.
     */
    @SqlQuery("select true from pg_advisory_xact_lock(hashtext(current_schema() || '.setting.' || :name))")
    boolean lock(String name);

    @SqlQuery("select name, value, changed_by, changed_at from setting_published where name = :name")
    @RegisterConstructorMapper(PublishedSetting.class)
    Optional<PublishedSetting> find(String name);

    @SqlUpdate("""
            insert into setting_published (name, value, changed_by, changed_at, event_id)
            values (:name, :value, :changedBy, :changedAt, :eventId)
            on conflict (name) do update set value = excluded.value, changed_by = excluded.changed_by,
                   changed_at = excluded.changed_at, event_id = excluded.event_id""")
    void record(String name, String value, String changedBy, Instant changedAt, String eventId);
}
