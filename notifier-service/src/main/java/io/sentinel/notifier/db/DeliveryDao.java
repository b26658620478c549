package io.sentinel.notifier.db;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.json.EncodedJson;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Delivery.class)
public interface DeliveryDao {

    /**
     * @param payload JSON already written (every key present, nulls included, as the payload contract
     *                promises), stored as jsonb by JDBI's JSON plugin
     * @return 1 if queued, 0 if this event was already queued for this channel
     */
    @SqlUpdate("""
            insert into delivery (delivery_id, event_id, channel, kind, payload, next_attempt_at)
            values (:deliveryId, :eventId, :channel, :kind, :payload, :now)
            on conflict do nothing""")
    int enqueue(String deliveryId, String eventId, String channel, String kind, @EncodedJson String payload, Instant now);

    /**
     * Takes up to {@code limit} due deliveries and leases them until {@code leaseUntil}: another
     * dispatcher (or this one, after a crash) will not take them again before then.
     */
    @SqlQuery("""
            update delivery set next_attempt_at = :leaseUntil
            where delivery_id in (
                select delivery_id from delivery
                where status = 'PENDING' and next_attempt_at <= :now
                order by created_at
                limit :limit
                for update skip locked)
            returning delivery_id, event_id, channel, kind, payload, attempts, created_at""")
    List<Delivery> claimDue(Instant now, Instant leaseUntil, int limit);

    @SqlUpdate("""
            update delivery set status = 'DELIVERED', attempts = attempts + 1, delivered_at = :at, last_error = null
            where delivery_id = :deliveryId and status = 'PENDING'""")
    void markDelivered(String deliveryId, Instant at);

    @SqlUpdate("""
            update delivery set attempts = attempts + 1, next_attempt_at = :nextAttemptAt, last_error = :error
            where delivery_id = :deliveryId and status = 'PENDING'""")
    void scheduleRetry(String deliveryId, Instant nextAttemptAt, String error);

    @SqlUpdate("""
            update delivery set status = 'FAILED', attempts = attempts + 1, last_error = :error
            where delivery_id = :deliveryId and status = 'PENDING'""")
    void markFailed(String deliveryId, String error);
}
