package io.sentinel.gateway.audit.db;

import java.time.Instant;
import java.util.Map;
import org.jdbi.v3.json.Json;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import tools.jackson.databind.JsonNode;

/** {@code audit_log}: append only; {@code detail} is jsonb, written by JDBI's JSON plugin. */
public interface AuditLogDao {

    String INSERT = """
            insert into audit_log (id, at, actor, actor_role, action, target, detail)
            values (:id, :at, :actor, :actorRole, :action, :target, :detail)""";

    @SqlUpdate(INSERT)
    void append(String id, Instant at, String actor, String actorRole, String action, String target, @Json Map<String, ?> detail);

    @SqlUpdate(INSERT)
    void append(String id, Instant at, String actor, String actorRole, String action, String target, @Json JsonNode detail);
}
