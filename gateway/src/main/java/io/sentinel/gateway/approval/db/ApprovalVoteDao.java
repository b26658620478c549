package io.sentinel.gateway.approval.db;

import io.sentinel.events.approval.Vote;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface ApprovalVoteDao {

    /**
     * @return false if this voter has voted on this approval already. Decided by the primary key, not
     *         by a look first, so two requests racing to vote twice cannot both win.
     */
    @SqlUpdate("""
            insert into approval_vote (approval_id, voter, vote, cast_at, event_id)
            values (:approvalId, :voter, :vote, :castAt, :eventId)
            on conflict (approval_id, voter) do nothing""")
    boolean record(String approvalId, String voter, Vote vote, Instant castAt, String eventId);

    @SqlQuery("select vote from approval_vote where approval_id = :approvalId and voter = :voter")
    Optional<Vote> find(String approvalId, String voter);
}
