package io.sentinel.analyzer.history.db;

import io.sentinel.analyzer.history.IncidentRecord;
import io.sentinel.analyzer.history.StoredIncident;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.json.Json;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@code incident_history} and {@code incident_timeline}: past incidents, their outcomes and their timelines. */
public interface HistoryDao {

    /** @return 1 if recorded, 0 if the incident was recorded before */
    @SqlUpdate("""
            insert into incident_history (incident_id, rule, resource, title, signal, target, environment, labels, opened_at, description,
                                          embedding, updated_at)
            values (:incidentId, :rule, :resource, :title, :signal, :target, :environment, :labels, :openedAt, :description, :embedding, :now)
            on conflict (incident_id) do nothing""")
    int recordOpened(@Bind("incidentId") String incidentId, @Bind("rule") String rule, @Bind("resource") String resource,
                     @Bind("title") String title, @Bind("signal") String signal, @Bind("target") String target, @Bind("environment") String environment,
                     @Json @Bind("labels") Map<String, String> labels, @Bind("openedAt") Instant openedAt,
                     @Bind("description") String description, @Bind("embedding") float[] embedding, @Bind("now") Instant now);

    @SqlUpdate("""
            update incident_history set analyst = :analyst, root_cause = :rootCause, proposed = :proposed, updated_at = :now
            where incident_id = :incidentId""")
    int recordAnalysis(String incidentId, String analyst, String rootCause, String proposed, Instant now);

    @SqlUpdate("update incident_history set remediation = :remediation, updated_at = :now where incident_id = :incidentId")
    int recordRemediation(String incidentId, String remediation, Instant now);

    @SqlUpdate("update incident_history set outcome = :outcome, updated_at = :now where incident_id = :incidentId")
    int recordOutcome(String incidentId, String outcome, Instant now);

    @SqlUpdate("""
            update incident_history set status = :status, closed_at = :closedAt, updated_at = :closedAt
            where incident_id = :incidentId and status = 'OPEN'""")
    int close(String incidentId, String status, Instant closedAt);

    /** Adds an entry to a known incident's timeline while it has fewer than {@code max}. */
    @SqlUpdate("""
            insert into incident_timeline (incident_id, at, entry)
            select :incidentId, :at, :entry
            where exists (select 1 from incident_history where incident_id = :incidentId)
              and (select count(*) from incident_timeline where incident_id = :incidentId) < :max""")
    int addTimelineEntry(String incidentId, Instant at, String entry, int max);

    @SqlQuery("""
            select incident_id, rule, resource, title, opened_at, description, embedding, root_cause, remediation,
                   coalesce(outcome, case status when 'OPEN' then 'still open' else lower(status) end) as outcome
            from incident_history where incident_id <> :exclude order by opened_at desc limit :limit""")
    @RegisterConstructorMapper(StoredIncident.class)
    List<StoredIncident> candidates(String exclude, int limit);

    @SqlQuery("""
            select incident_id, rule, resource, title, signal, target, environment, opened_at, status, analyst, root_cause, proposed, remediation,
                   outcome, closed_at
            from incident_history where incident_id = :incidentId""")
    @RegisterConstructorMapper(Row.class)
    Optional<Row> row(String incidentId);

    @SqlQuery("""
            select incident_id, rule, resource, title, signal, target, environment, opened_at, status, analyst, root_cause, proposed, remediation,
                   outcome, closed_at
            from incident_history order by (status = 'OPEN') desc, opened_at desc limit :limit""")
    @RegisterConstructorMapper(Row.class)
    List<Row> recentRows(int limit);

    @SqlQuery("select at, entry from incident_timeline where incident_id = :incidentId order by at, id")
    @RegisterConstructorMapper(IncidentRecord.TimelineEntry.class)
    List<IncidentRecord.TimelineEntry> timeline(String incidentId);

    /** The incident with its timeline. */
    default Optional<IncidentRecord> find(String incidentId) {
        return row(incidentId).map(row -> row.record(timeline(incidentId)));
    }

    /** The open incidents first, then the most recently opened; without their timelines. */
    default List<IncidentRecord> recent(int limit) {
        return recentRows(limit).stream().map(row -> row.record(List.of())).toList();
    }

    record Row(String incidentId, String rule, String resource, String title, String signal, String target, String environment,
               Instant openedAt, String status, String analyst, String rootCause, String proposed, String remediation, String outcome,
               Instant closedAt) {

        IncidentRecord record(List<IncidentRecord.TimelineEntry> timeline) {
            return new IncidentRecord(incidentId, rule, resource, title, signal, target, environment, openedAt, status, analyst, rootCause, proposed,
                    remediation, outcome, closedAt, timeline);
        }
    }

    @SqlUpdate("""
            delete from incident_history where incident_id in (
                select incident_id from incident_history where status <> 'OPEN' and closed_at < :before limit :limit)""")
    int expireClosed(Instant before, int limit);

    /** An incident never closed (its closing was lost, or it predates the analyzer) is forgotten too, later. */
    @SqlUpdate("""
            delete from incident_history where incident_id in (
                select incident_id from incident_history where updated_at < :before limit :limit)""")
    int expireStale(Instant before, int limit);
}
