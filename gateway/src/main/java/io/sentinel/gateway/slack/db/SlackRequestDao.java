package io.sentinel.gateway.slack.db;

import java.time.Instant;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@code slack_request_seen}: the signatures of the Slack requests taken, while a replay of them could still be fresh. */
public interface SlackRequestDao {

    /** @return false if the signature was seen before; decided by the primary key, so two instances racing cannot both win */
    @SqlUpdate("insert into slack_request_seen (signature, expires_at) values (:signature, :expiresAt) on conflict (signature) do nothing")
    boolean remember(String signature, Instant expiresAt);

    @SqlUpdate("delete from slack_request_seen where expires_at < :now")
    int forgetExpired(Instant now);
}
