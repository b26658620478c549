package io.sentinel.detector.novelty.db;

import io.sentinel.detector.novelty.KnownErrors;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@link KnownErrors} in {@code error_fingerprint} and {@code novelty_service}. */
public interface KnownErrorsDao extends KnownErrors {

    @Override
    @SqlQuery("select exists (select 1 from novelty_service where service = :service)")
    boolean serviceKnown(String service);

    /** Records the service's first log, once; returns when its logs started (the start of its learning period). */
    @Override
    @SqlQuery("""
            insert into novelty_service (service, first_log_at, last_seen_at) values (:service, :at, now())
            on conflict (service) do update set first_log_at = least(novelty_service.first_log_at, excluded.first_log_at), last_seen_at = now()
            returning first_log_at""")
    Instant firstLog(String service, Instant at);

    @Override
    @SqlQuery("select fingerprint, active from error_fingerprint where service = :service and fingerprint = :fingerprint for update")
    @RegisterConstructorMapper(Known.class)
    Optional<Known> find(String service, String fingerprint);

    @Override
    @SqlUpdate("""
            insert into error_fingerprint (service, fingerprint, exception_type, normalized_message, sample_message, first_seen,
                                           last_seen, occurrences, learned, active)
            values (:service, :fingerprint, :exceptionType, :normalizedMessage, :sampleMessage, :firstSeen, :lastSeen, :occurrences,
                    :learned, not :learned)""")
    void insert(String service, String fingerprint, String exceptionType, String normalizedMessage, String sampleMessage,
                Instant firstSeen, Instant lastSeen, long occurrences, boolean learned);

    @Override
    @SqlUpdate("update novelty_service set known = known + :added where service = :service")
    void countKnown(String service, int added);

    @Override
    @SqlUpdate("""
            update error_fingerprint set occurrences = occurrences + :occurrences, last_seen = greatest(last_seen, :lastSeen)
            where service = :service and fingerprint = :fingerprint""")
    void recur(String service, String fingerprint, long occurrences, Instant lastSeen);

    /**
     * Forgets the least recently seen known errors of a service beyond {@code max}. Errors with an
     * active incident condition are kept: forgetting them would leave their incident unable to clear.
     */
    @Override
    @SqlUpdate("""
            with excess as (
                select fingerprint from error_fingerprint
                where service = :service and not active
                order by last_seen
                limit greatest(0, (select known from novelty_service where service = :service) - :max)
            )
            delete from error_fingerprint e using excess
            where e.service = :service and e.fingerprint = excess.fingerprint""")
    int forgetBeyond(String service, int max);

    /** Deactivates (and returns) at most {@code limit} active errors last seen before {@code before}. */
    @Override
    @SqlQuery("""
            update error_fingerprint e set active = false
            from (select service, fingerprint from error_fingerprint where active and last_seen < :before
                  order by last_seen limit :limit for update skip locked) quiet
            where e.service = quiet.service and e.fingerprint = quiet.fingerprint
            returning e.service, e.fingerprint, e.normalized_message, e.last_seen""")
    @RegisterConstructorMapper(Quiet.class)
    List<Quiet> quietSince(Instant before, int limit);
}
