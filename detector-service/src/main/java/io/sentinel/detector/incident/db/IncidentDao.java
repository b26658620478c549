package io.sentinel.detector.incident.db;

import io.sentinel.detector.incident.IncidentFacts;
import io.sentinel.detector.incident.IncidentStore;
import io.sentinel.detector.incident.OpenIncident;
import io.sentinel.detector.noise.IncidentLabels;
import io.sentinel.detector.noise.IncidentStorm;
import io.sentinel.detector.rule.Finding;
import io.sentinel.events.incident.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.json.Json;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@link IncidentFacts} and {@link IncidentStore} in {@code incident} and {@code storm_suppression}. */
@RegisterConstructorMapper(IncidentRow.class)
public interface IncidentDao extends IncidentFacts, IncidentStore {

    String COLUMNS = """
            incident_id, fingerprint, rule, resource, trace_parent, phase, severity, occurrences, opened_at, last_update_at, cleared_at,
            flapping, escalated, returned""";

    /** Locks the row: a signal and a clock tick must not both act on one incident at once. */
    @SqlQuery("select " + COLUMNS + " from incident where fingerprint = :fingerprint and phase <> 'RESOLVED' for update")
    Optional<IncidentRow> lockOpenByFingerprint(String fingerprint);

    @SqlQuery("select " + COLUMNS + " from incident where incident_id = :incidentId and phase <> 'RESOLVED' for update")
    Optional<IncidentRow> lockOpen(String incidentId);

    @SqlQuery("select " + COLUMNS + " from incident where phase = 'SETTLING' and cleared_at < :clearedBefore for update skip locked")
    List<IncidentRow> lockSettlingSince(Instant clearedBefore);

    @SqlQuery("select incident_id, fingerprint, labels from incident where phase <> 'RESOLVED'")
    @RegisterConstructorMapper(StoredLabels.class)
    List<StoredLabels> openIncidentLabels();

    /** An open incident's labels, as stored. */
    record StoredLabels(String incidentId, String fingerprint, @Json Map<String, String> labels) {
    }

    @Override
    default Optional<OpenIncident> openByFingerprint(String fingerprint) {
        return lockOpenByFingerprint(fingerprint).map(IncidentRow::incident);
    }

    @Override
    default Optional<OpenIncident> open(String incidentId) {
        return lockOpen(incidentId).map(IncidentRow::incident);
    }

    @Override
    default List<OpenIncident> settlingSince(Instant clearedBefore) {
        return lockSettlingSince(clearedBefore).stream().map(IncidentRow::incident).toList();
    }

    @Override
    default List<IncidentLabels> openLabels() {
        return openIncidentLabels().stream().map(row -> new IncidentLabels(row.incidentId(), row.fingerprint(), row.labels())).toList();
    }

    @Override
    @SqlQuery("select count(*) from incident where recorded_at > :since and rule <> '" + IncidentStorm.RULE + "'")
    long openedSince(Instant since);

    @Override
    @SqlQuery("select count(*) from incident where fingerprint = :fingerprint and opened_at > :since")
    long openingsSince(String fingerprint, Instant since);

    @Override
    @SqlQuery("select count(*) from storm_suppression where suppressed_at > :since and fingerprint <> :excluding")
    long stormSuppressedSince(Instant since, String excluding);

    @Override
    @SqlUpdate("""
            insert into incident (incident_id, fingerprint, rule, resource, trace_parent, phase, severity, labels, opened_at, target, recorded_at)
            values (:incidentId, :fingerprint, :rule, :resource, :traceParent, 'FIRING', :severity, :labels, :openedAt, :target, :recordedAt)""")
    void insert(String incidentId, String fingerprint, String rule, String resource, String traceParent, Severity severity,
                @Json Map<String, String> labels, Instant openedAt, String target, Instant recordedAt);

    @Override
    @SqlUpdate("update incident set occurrences = occurrences + 1 where incident_id = :incidentId")
    void countOccurrence(String incidentId);

    @Override
    @SqlUpdate("update incident set last_update_at = :at where incident_id = :incidentId")
    void markUpdatePublished(String incidentId, Instant at);

    @Override
    @SqlUpdate("update incident set severity = :severity where incident_id = :incidentId")
    void setSeverity(String incidentId, Severity severity);

    @Override
    @SqlUpdate("update incident set phase = 'FIRING', cleared_at = null, returned = null where incident_id = :incidentId")
    void markFiring(String incidentId);

    @Override
    @SqlUpdate("update incident set phase = 'CLEARED', cleared_at = :at, flapping = :flapping where incident_id = :incidentId")
    void markCleared(String incidentId, Instant at, boolean flapping);

    @Override
    @SqlUpdate("update incident set returned = :returned where incident_id = :incidentId")
    void holdReturn(@Bind("incidentId") String incidentId, @Json @Bind("returned") Finding.Firing returned);

    @Override
    @SqlUpdate("update incident set returned = null where incident_id = :incidentId")
    void dropReturn(String incidentId);

    @Override
    @SqlUpdate("update incident set phase = 'SETTLING' where incident_id = :incidentId")
    void markSettling(String incidentId);

    @Override
    @SqlUpdate("update incident set escalated = true where incident_id = :incidentId")
    void markEscalated(String incidentId);

    @Override
    @SqlUpdate("update incident set phase = 'RESOLVED', resolved_at = :at, returned = null where incident_id = :incidentId")
    void resolve(String incidentId, Instant at);

    @Override
    @SqlUpdate("""
            insert into storm_suppression (fingerprint, suppressed_at) values (:fingerprint, :at)
            on conflict (fingerprint) do update set suppressed_at = greatest(storm_suppression.suppressed_at, excluded.suppressed_at)""")
    void stormSuppressed(String fingerprint, Instant at);

    @Override
    @SqlUpdate("delete from storm_suppression where suppressed_at <= :before")
    void forgetStormSuppressionsBefore(Instant before);
}
