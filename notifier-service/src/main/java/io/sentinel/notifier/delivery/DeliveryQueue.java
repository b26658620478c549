package io.sentinel.notifier.delivery;

import io.sentinel.events.EventIds;
import io.sentinel.notifier.channel.Channel;
import io.sentinel.notifier.channel.Channels;
import io.sentinel.notifier.db.AfterCommit;
import io.sentinel.notifier.db.DeliveryDao;
import io.sentinel.notifier.notification.Notification;
import io.sentinel.runtime.consume.EventContext;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Queues a notification for every channel that wants its kind, in the transaction of the event that
 * raised it: the event is consumed if and only if its deliveries are queued. A delivery's id is
 * derived from the event and the channel, so the same event can never be queued twice for one channel.
 */
public final class DeliveryQueue {

    private static final Logger log = LoggerFactory.getLogger(DeliveryQueue.class);

    private final Channels channels;
    private final DeliveryDispatcher dispatcher;
    private final JsonMapper json;
    private final Clock clock;

    /** @param json writes payloads with every key present, nulls included */
    public DeliveryQueue(Channels channels, DeliveryDispatcher dispatcher, JsonMapper json, Clock clock) {
        this.channels = channels;
        this.dispatcher = dispatcher;
        this.json = json;
        this.clock = clock;
    }

    public void enqueue(Notification notification, EventContext context) {
        String eventId = context.cause().id();
        String payload = json.writeValueAsString(notification.payload());
        DeliveryDao deliveries = context.attach(DeliveryDao.class);
        int queued = 0;
        for (Channel channel : channels.all()) {
            if (channel.wants(notification.kind())) {
                queued += deliveries.enqueue(EventIds.derive(eventId, channel.name()), eventId, channel.name(),
                        notification.kind().wireName(), payload, clock.instant());
            }
        }
        if (queued > 0) {
            AfterCommit.run(context, dispatcher::wakeUp);
            log.info("notification queued kind={} incidentId={} channels={}", notification.kind().wireName(), notification.incidentId(), queued);
        }
    }
}
