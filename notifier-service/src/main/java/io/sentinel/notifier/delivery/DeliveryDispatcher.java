package io.sentinel.notifier.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sentinel.notifier.channel.Channel;
import io.sentinel.notifier.channel.ChannelMessage;
import io.sentinel.notifier.channel.Channels;
import io.sentinel.notifier.channel.SendResult;
import io.sentinel.notifier.db.Delivery;
import io.sentinel.notifier.db.DeliveryStore;
import io.sentinel.notifier.notification.NotificationKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Sends due deliveries through their channels: on a fixed delay, and as soon as a consumer commits new
 * ones. Delivered marks a delivery DELIVERED; a retryable failure is tried again with back-off until
 * attempts run out, any other failure gives it up at once (FAILED). Channels are served in parallel,
 * each one's deliveries in the order they were raised, so a slow receiver delays only itself.
 * Delivery is at least once: receivers deduplicate on the delivery id. Neither a secret nor a payload
 * is ever logged.
 */
public final class DeliveryDispatcher {

    private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);
    private static final int BATCH = 100;

    private final DeliveryStore deliveries;
    private final Channels channels;
    private final RetryPolicy retries;
    private final Duration lease;
    private final Clock clock;
    private final MeterRegistry meters;
    private final ReentrantLock dispatching = new ReentrantLock();
    private final AtomicBoolean wokenWhileDispatching = new AtomicBoolean();

    public DeliveryDispatcher(DeliveryStore deliveries, Channels channels, DeliveryProperties properties, Clock clock, MeterRegistry meters) {
        this.deliveries = deliveries;
        this.channels = channels;
        this.retries = RetryPolicy.withMaxAttempts(properties.maxAttempts());
        // Long enough that a delivery still in flight is never taken a second time.
        this.lease = properties.requestTimeout().multipliedBy(2).plusSeconds(30);
        this.clock = clock;
        this.meters = meters;
    }

    /** Dispatches now, off the caller's thread (the caller is a consumer that just committed deliveries). */
    public void wakeUp() {
        Thread.ofVirtual().name("delivery-dispatch").start(this::dispatchDue);
    }

    @Scheduled(fixedDelayString = "${sentinel.notifier.dispatch-interval:500ms}")
    public void dispatchDue() {
        if (!dispatching.tryLock()) {
            // The running round may have looked before these deliveries committed: it goes round again.
            wokenWhileDispatching.set(true);
            return;
        }
        try {
            do {
                wokenWhileDispatching.set(false);
                while (dispatchBatch() == BATCH) {
                    // a full batch: there may be more due right now
                }
            } while (wokenWhileDispatching.get());
        } catch (RuntimeException e) {
            log.warn("delivery dispatch failed; retrying on the next round: {}", e.toString());
        } finally {
            dispatching.unlock();
        }
    }

    private int dispatchBatch() {
        Instant now = clock.instant();
        List<Delivery> due = deliveries.claimDue(now, now.plus(lease), BATCH);
        Map<String, List<Delivery>> byChannel = due.stream()
                .sorted(Comparator.comparing(Delivery::createdAt).thenComparing(Delivery::deliveryId))
                .collect(Collectors.groupingBy(Delivery::channel, LinkedHashMap::new, Collectors.toList()));
        try (var perChannel = Executors.newVirtualThreadPerTaskExecutor()) {
            byChannel.values().forEach(queue -> perChannel.submit(() -> queue.forEach(this::deliverQuietly)));
        }
        return due.size();
    }

    private void deliverQuietly(Delivery delivery) {
        try {
            deliver(delivery);
        } catch (RuntimeException e) {
            log.warn("delivery attempt could not be recorded channel={} deliveryId={}; retried once its lease ends: {}",
                    delivery.channel(), delivery.deliveryId(), e.toString());
        }
    }

    private void deliver(Delivery delivery) {
        Channel channel = channels.find(delivery.channel()).orElse(null);
        if (channel == null) {
            record(delivery, "failed");
            deliveries.markFailed(delivery.deliveryId(), "channel '" + delivery.channel() + "' is no longer configured");
            log.warn("delivery dropped channel={} deliveryId={} reason=\"channel no longer configured\"", delivery.channel(),
                    delivery.deliveryId());
            return;
        }
        int attempt = delivery.attempts() + 1;
        long started = System.nanoTime();
        SendResult result = channel.send(new ChannelMessage(delivery.deliveryId(), NotificationKind.ofWireName(delivery.kind()),
                delivery.payload()));
        long millis = (System.nanoTime() - started) / 1_000_000;
        switch (result) {
            case SendResult.Delivered delivered -> {
                deliveries.markDelivered(delivery.deliveryId(), clock.instant());
                record(delivery, "delivered");
                log.info("delivered channel={} deliveryId={} kind={} attempt={} result=\"{}\" durationMs={}", channel.name(),
                        delivery.deliveryId(), delivery.kind(), attempt, delivered.detail(), millis);
            }
            case SendResult.Failed failed -> failed(delivery, attempt, failed, millis);
        }
    }

    private void failed(Delivery delivery, int attempt, SendResult.Failed failure, long millis) {
        switch (retries.afterFailure(attempt, failure, clock.instant())) {
            case RetryPolicy.Verdict.RetryAt retry -> {
                deliveries.scheduleRetry(delivery.deliveryId(), retry.at(), failure.reason());
                record(delivery, "retried");
                log.warn("delivery attempt failed channel={} deliveryId={} kind={} attempt={} durationMs={} error=\"{}\" nextAttemptAt={}",
                        delivery.channel(), delivery.deliveryId(), delivery.kind(), attempt, millis, failure.reason(), retry.at());
            }
            case RetryPolicy.Verdict.GiveUp giveUp -> {
                deliveries.markFailed(delivery.deliveryId(), failure.reason());
                record(delivery, "failed");
                log.warn("delivery failed for good channel={} deliveryId={} kind={} attempts={} error=\"{}\" why=\"{}\"",
                        delivery.channel(), delivery.deliveryId(), delivery.kind(), attempt, failure.reason(), giveUp.why());
            }
        }
    }

    private void record(Delivery delivery, String outcome) {
        Counter.builder("sentinel.notifier.deliveries").tag("channel", delivery.channel()).tag("outcome", outcome)
                .description("Delivery attempts by channel and outcome: delivered, retried or failed (given up)")
                .register(meters).increment();
    }
}
