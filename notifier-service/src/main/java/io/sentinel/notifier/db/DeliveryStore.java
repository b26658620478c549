package io.sentinel.notifier.db;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** The dispatcher's side of the delivery outbox, each change in a transaction of its own. */
public final class DeliveryStore {

    private final Jdbi jdbi;

    public DeliveryStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** See {@link DeliveryDao#claimDue}. */
    public List<Delivery> claimDue(Instant now, Instant leaseUntil, int limit) {
        return jdbi.withExtension(DeliveryDao.class, deliveries -> deliveries.claimDue(now, leaseUntil, limit));
    }

    public void markDelivered(String deliveryId, Instant at) {
        jdbi.useExtension(DeliveryDao.class, deliveries -> deliveries.markDelivered(deliveryId, at));
    }

    public void scheduleRetry(String deliveryId, Instant nextAttemptAt, String error) {
        jdbi.useExtension(DeliveryDao.class, deliveries -> deliveries.scheduleRetry(deliveryId, nextAttemptAt, error));
    }

    public void markFailed(String deliveryId, String error) {
        jdbi.useExtension(DeliveryDao.class, deliveries -> deliveries.markFailed(deliveryId, error));
    }
}
