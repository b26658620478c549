package io.sentinel.policy.approval.db;

import io.sentinel.events.approval.Vote;
import io.sentinel.policy.approval.CountedVote;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@code approval_vote}: the votes that counted, one per person and request. */
@RegisterConstructorMapper(CountedVote.class)
public interface ApprovalVoteDao {

    @SqlQuery("select voter, vote from approval_vote where approval_id = :approvalId order by counted_at, voter")
    List<CountedVote> counted(String approvalId);

    /** @return 0 if this person's vote on the request counted before */
    @SqlUpdate("""
            insert into approval_vote (approval_id, voter, vote, vote_event_id, counted_at) values (:approvalId, :voter, :vote, :voteEventId, :at)
            on conflict (approval_id, voter) do nothing""")
    int count(String approvalId, String voter, Vote vote, String voteEventId, Instant at);
}
