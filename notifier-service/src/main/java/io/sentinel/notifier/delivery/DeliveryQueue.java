package io.sentinel.notifier.delivery;

import io.sentinel.events.EventIds;
import io.sentinel.notifier.notification.Notification;
import io.sentinel.notifier.webhook.Webhook;
import io.sentinel.notifier.webhook.WebhookProperties;
import io.sentinel.runtime.consume.EventContext;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Queues a notification for every webhook that wants its kind, in the transaction of the event that
 * raised it: the event is consumed if and only if its deliveries are queued. A delivery's id is
 * derived from the event and the webhook, so the same event can never be queued twice for one webhook.
 */
public final class DeliveryQueue {

    private static final Logger log = LoggerFactory.getLogger(DeliveryQueue.class);

    private final WebhookProperties webhooks;
    private final DeliveryDispatcher dispatcher;
    private final JsonMapper json;
    private final Clock clock;

    /** @param json writes payloads with every key present, nulls included */
    public DeliveryQueue(WebhookProperties webhooks, DeliveryDispatcher dispatcher, JsonMapper json, Clock clock) {
        this.webhooks = webhooks;
        this.dispatcher = dispatcher;
        this.json = json;
        this.clock = clock;
    }

    public void enqueue(Notification notification, EventContext context) {
        String eventId = context.cause().id();
        String payload = json.writeValueAsString(notification.payload());
        DeliveryDao deliveries = context.attach(DeliveryDao.class);
        int queued = 0;
        for (Webhook webhook : webhooks.webhooks()) {
            if (webhook.wants(notification.kind())) {
                queued += deliveries.enqueue(EventIds.derive(eventId, webhook.name()), eventId, webhook.name(),
                        notification.kind().wireName(), payload, clock.instant());
            }
        }
        if (queued > 0) {
            context.handle().afterCommit(dispatcher::wakeUp);
            log.info("notification queued kind={} incidentId={} webhooks={}", notification.kind().wireName(), notification.incidentId(), queued);
        }
    }
}
