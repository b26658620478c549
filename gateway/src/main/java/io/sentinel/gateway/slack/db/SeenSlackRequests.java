package io.sentinel.gateway.slack.db;

import java.time.Instant;
import org.jdbi.v3.core.Jdbi;
import org.springframework.stereotype.Component;

/**
 * Which Slack requests were taken already, by signature: a request is taken once, whichever gateway
 * instance it reaches and across restarts. A signature is kept until its request's timestamp is too
 * old to be taken anyway, then forgotten.
 */
@Component
public class SeenSlackRequests {

    private final Jdbi jdbi;

    public SeenSlackRequests(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * @param keepUntil when a replay of this request would be refused for its timestamp alone
     * @return true the first time a signature is presented, false for a replay
     */
    public boolean firstTime(String signature, Instant keepUntil, Instant now) {
        return jdbi.inTransaction(handle -> {
            SlackRequestDao requests = handle.attach(SlackRequestDao.class);
            requests.forgetExpired(now);
            return requests.remember(signature, keepUntil);
        });
    }
}
