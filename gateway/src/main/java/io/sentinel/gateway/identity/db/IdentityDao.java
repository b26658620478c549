package io.sentinel.gateway.identity.db;

import io.sentinel.events.approval.Role;
import io.sentinel.gateway.identity.Identity;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Identity.class)
public interface IdentityDao {

    String COLUMNS = "provider, subject, name, role, created_at, created_by, updated_at, updated_by";

    @SqlQuery("select " + COLUMNS + " from identity where provider = :provider and subject = :subject")
    Optional<Identity> find(String provider, String subject);

    @SqlQuery("select " + COLUMNS + " from identity where provider = :provider and subject = :subject for update")
    Optional<Identity> lock(String provider, String subject);

    @SqlQuery("select " + COLUMNS + " from identity order by provider, name, subject")
    List<Identity> list();

    @SqlUpdate("""
            insert into identity (provider, subject, name, role, created_at, created_by, updated_at, updated_by)
            values (:provider, :subject, :name, :role, :at, :by, :at, :by)
            on conflict (provider, subject) do update set name = excluded.name, role = excluded.role,
                   updated_at = excluded.updated_at, updated_by = excluded.updated_by""")
    void save(String provider, String subject, String name, Role role, Instant at, String by);

    @SqlUpdate("delete from identity where provider = :provider and subject = :subject")
    boolean delete(String provider, String subject);
}
