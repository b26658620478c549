package io.sentinel.policy.brake.db;

import io.sentinel.policy.brake.GlobalBrakeState;
import java.time.Instant;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The brakes' bookkeeping: automatic actions, failed executions, the global brake and its releases. */
@RegisterConstructorMapper(GlobalBrakeState.class)
public interface BrakeDao {

    /**
     * Every deciding transaction takes this lock before it reads the brakes and records an automatic
     * action, so two replicas deciding at once cannot both take the last automatic action of the hour.
     */
    long DECISION_LOCK = 0x5e_17_1e_10_b7a4eL;

    @SqlQuery("select count(*) from (select pg_advisory_xact_lock(" + DECISION_LOCK + ")) locked")
    int lockDecisions();

    @SqlQuery("select engaged, engaged_at, engaged_reason, released_at, released_by from global_brake where name = 'global'")
    GlobalBrakeState globalBrake();

    /** The same row every decision reads, locked: an engagement and a release never interleave. */
    @SqlQuery("select engaged, engaged_at, engaged_reason, released_at, released_by from global_brake where name = 'global' for update")
    GlobalBrakeState lockGlobalBrake();

    @SqlUpdate("update global_brake set engaged = true, engaged_at = :at, engaged_reason = :reason where name = 'global' and not engaged")
    int engage(Instant at, String reason);

    @SqlUpdate("""
            update global_brake set engaged = false, released_at = :at, released_by = :by, release_reason = :reason
            where name = 'global' and engaged""")
    int release(Instant at, String by, String reason);

    /** @return 0 when this release was handled before */
    @SqlUpdate("""
            insert into brake_release (release_id, released_by, outcome, handled_at) values (:releaseId, :releasedBy, 'received', :at)
            on conflict (release_id) do nothing""")
    int recordRelease(String releaseId, String releasedBy, Instant at);

    @SqlUpdate("update brake_release set outcome = :outcome where release_id = :releaseId")
    void releaseOutcome(String releaseId, String outcome);

    /** @return 0 when this execution's failure is known already (a rollback after a failed verification) */
    @SqlUpdate("""
            insert into execution_failure (execution_id, incident_id, kind, failed_at) values (:executionId, :incidentId, :kind, :at)
            on conflict (execution_id) do nothing""")
    int recordFailure(String executionId, String incidentId, String kind, Instant at);

    @SqlQuery("select count(*) from execution_failure where failed_at > :since")
    int failuresSince(Instant since);

    @SqlUpdate("""
            insert into auto_authorization (analysis_event_id, incident_id, target, authorized_at) values (:analysisEventId, :incidentId,
                   :target, :at)
            on conflict (analysis_event_id) do nothing""")
    void recordAuto(String analysisEventId, String incidentId, String target, Instant at);

    @SqlQuery("select count(*) from auto_authorization where authorized_at > :since")
    int autoSince(Instant since);

    @SqlQuery("select count(*) from auto_authorization where target = :target and authorized_at > :since")
    int autoForTargetSince(String target, Instant since);

    @SqlUpdate("delete from auto_authorization where authorized_at < :before")
    int forgetAutoBefore(Instant before);

    @SqlUpdate("delete from execution_failure where failed_at < :before")
    int forgetFailuresBefore(Instant before);
}
