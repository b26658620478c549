package io.sentinel.detector.retention.db;

import java.time.Instant;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The deletes of the retention job, each at most {@code limit} rows at a time so that no delete holds
 * locks (or a transaction) for long; the job repeats one until it deletes less than the limit.
 */
public interface RetentionDao {

    @SqlUpdate("""
            delete from incident where incident_id in (
                select incident_id from incident where phase = 'RESOLVED' and resolved_at < :before limit :limit)""")
    int resolvedIncidents(Instant before, int limit);

    /** Conditions of an open incident are kept, however old: the incident could not clear without them. */
    @SqlUpdate("""
            delete from rule_condition where fingerprint in (
                select c.fingerprint from rule_condition c
                where c.updated_at < :before
                  and not exists (select 1 from incident i where i.fingerprint = c.fingerprint and i.phase <> 'RESOLVED')
                limit :limit)""")
    int idleConditions(Instant before, int limit);

    /** Inactive known errors last seen before {@code before}; each service's count of known errors follows. */
    @SqlQuery("""
            with forgotten as (
                delete from error_fingerprint where (service, fingerprint) in (
                    select service, fingerprint from error_fingerprint where not active and last_seen < :before limit :limit)
                returning service
            ), per_service as (
                select service, count(*) as gone from forgotten group by service
            ), recounted as (
                update novelty_service s set known = greatest(0, s.known - p.gone) from per_service p where s.service = p.service
            )
            select count(*) from forgotten""")
    int knownErrors(Instant before, int limit);

    /** Services whose logs stopped before {@code before} and that have no known error left. */
    @SqlUpdate("""
            delete from novelty_service where service in (
                select s.service from novelty_service s
                where s.last_seen_at < :before and not exists (select 1 from error_fingerprint e where e.service = s.service)
                limit :limit)""")
    int silentServices(Instant before, int limit);

    @SqlUpdate("""
            delete from llm_trace_bucket where (application, bucket_start) in (
                select application, bucket_start from llm_trace_bucket where bucket_start < :before limit :limit)""")
    int traceBuckets(Instant before, int limit);

    @SqlUpdate("""
            delete from llm_error_cascade where application in (
                select application from llm_error_cascade where not active and latest_trace_at < :before limit :limit)""")
    int errorCascades(Instant before, int limit);

    @SqlUpdate("""
            delete from llm_output_schema where (application, generation) in (
                select application, generation from llm_output_schema where not active and updated_at < :before limit :limit)""")
    int outputSchemas(Instant before, int limit);

    @SqlUpdate("""
            delete from llm_score_history where (application, score) in (
                select application, score from llm_score_history where not active and updated_at < :before limit :limit)""")
    int scoreHistories(Instant before, int limit);

    @SqlUpdate("""
            delete from llm_tool_failure where (application, tool) in (
                select application, tool from llm_tool_failure where updated_at < :before limit :limit)""")
    int toolFailures(Instant before, int limit);

    /** Suppressions of an incident storm are trimmed to the minute on every tick; this catches what a stopped ticker left. */
    @SqlUpdate("delete from storm_suppression where suppressed_at < :before")
    int stormSuppressions(Instant before);
}
