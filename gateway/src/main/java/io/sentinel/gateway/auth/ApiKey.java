package io.sentinel.gateway.auth;

import io.sentinel.events.approval.Role;
import java.time.Duration;
import java.time.Instant;

/** An API key as stored, without its secret. */
public record ApiKey(String id, String name, Role role, Instant createdAt, String createdBy, Instant lastUsedAt, Instant revokedAt) {

    /** Recording every use would write to the database on every request; a minute's precision is plenty to spot unused keys. */
    public static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

    public boolean revoked() {
        return revokedAt != null;
    }

    /** Whether a use at {@code now} is worth writing down. Pure. */
    public boolean useWorthRecording(Instant now) {
        return lastUsedAt == null || !now.isBefore(lastUsedAt.plus(LAST_USED_PRECISION));
    }

    /** The key's holder, as the gateway names them in votes and audit entries. */
    public Caller principal() {
        return new Caller(id, name, role, Channel.API_KEY);
    }
}
