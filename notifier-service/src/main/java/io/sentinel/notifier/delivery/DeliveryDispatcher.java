package io.sentinel.notifier.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sentinel.notifier.webhook.Webhook;
import io.sentinel.notifier.webhook.WebhookClient;
import io.sentinel.notifier.webhook.WebhookProperties;
import io.sentinel.notifier.webhook.WebhookResponse;
import java.nio.charset.StandardCharsets;
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
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Sends due deliveries to their webhooks: on a fixed delay, and as soon as a consumer commits new
 * ones. A 2xx marks a delivery DELIVERED; anything else is retried with back-off until attempts run
 * out and it is marked FAILED. Webhooks are served in parallel, each one's deliveries in the order
 * they were raised, so a slow receiver delays only itself. Delivery is at least once: receivers
 * deduplicate on {@code X-Sentinel-Delivery}. Neither the secret nor the body is ever logged.
 */
public final class DeliveryDispatcher {

    private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);
    private static final int BATCH = 100;

    private final Jdbi jdbi;
    private final WebhookProperties webhooks;
    private final WebhookClient client;
    private final RetryPolicy retries;
    private final Duration lease;
    private final Clock clock;
    private final MeterRegistry meters;
    private final ReentrantLock dispatching = new ReentrantLock();
    private final AtomicBoolean wokenWhileDispatching = new AtomicBoolean();

    public DeliveryDispatcher(Jdbi jdbi, WebhookProperties webhooks, WebhookClient client, DeliveryProperties properties, Clock clock,
                              MeterRegistry meters) {
        this.jdbi = jdbi;
        this.webhooks = webhooks;
        this.client = client;
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
        List<Delivery> due = jdbi.withExtension(DeliveryDao.class, deliveries -> deliveries.claimDue(now, now.plus(lease), BATCH));
        Map<String, List<Delivery>> byWebhook = due.stream()
                .sorted(Comparator.comparing(Delivery::createdAt).thenComparing(Delivery::deliveryId))
                .collect(Collectors.groupingBy(Delivery::webhook, LinkedHashMap::new, Collectors.toList()));
        try (var perWebhook = Executors.newVirtualThreadPerTaskExecutor()) {
            byWebhook.values().forEach(queue -> perWebhook.submit(() -> queue.forEach(this::deliverQuietly)));
        }
        return due.size();
    }

    private void deliverQuietly(Delivery delivery) {
        try {
            deliver(delivery);
        } catch (RuntimeException e) {
            log.warn("delivery attempt could not be recorded webhook={} deliveryId={}; retried once its lease ends: {}",
                    delivery.webhook(), delivery.deliveryId(), e.toString());
        }
    }

    private void deliver(Delivery delivery) {
        Webhook webhook = webhooks.find(delivery.webhook()).orElse(null);
        if (webhook == null) {
            record(delivery, "failed");
            jdbi.useExtension(DeliveryDao.class, deliveries -> deliveries.markFailed(delivery.deliveryId(),
                    "webhook '" + delivery.webhook() + "' is no longer configured"));
            log.warn("delivery dropped webhook={} deliveryId={} reason=\"webhook no longer configured\"", delivery.webhook(), delivery.deliveryId());
            return;
        }
        int attempt = delivery.attempts() + 1;
        long started = System.nanoTime();
        WebhookResponse response = client.post(webhook, delivery.deliveryId(), delivery.kind(),
                delivery.payload().getBytes(StandardCharsets.UTF_8));
        long millis = (System.nanoTime() - started) / 1_000_000;
        switch (response) {
            case WebhookResponse.Accepted accepted -> {
                jdbi.useExtension(DeliveryDao.class, deliveries -> deliveries.markDelivered(delivery.deliveryId(), clock.instant()));
                record(delivery, "delivered");
                log.info("delivered webhook={} deliveryId={} kind={} attempt={} status={} durationMs={}", webhook.name(),
                        delivery.deliveryId(), delivery.kind(), attempt, accepted.status(), millis);
            }
            case WebhookResponse.Refused refused -> failed(delivery, attempt, "HTTP " + refused.status(), refused.status(), millis);
            case WebhookResponse.Unreachable unreachable -> failed(delivery, attempt, unreachable.reason(), null, millis);
        }
    }

    private void failed(Delivery delivery, int attempt, String error, Integer status, long millis) {
        switch (retries.afterFailure(attempt, clock.instant())) {
            case RetryPolicy.Verdict.RetryAt retry -> {
                jdbi.useExtension(DeliveryDao.class, deliveries -> deliveries.scheduleRetry(delivery.deliveryId(), retry.at(), error));
                record(delivery, "retried");
                log.warn("delivery attempt failed webhook={} deliveryId={} kind={} attempt={} status={} durationMs={} error=\"{}\" nextAttemptAt={}",
                        delivery.webhook(), delivery.deliveryId(), delivery.kind(), attempt, status, millis, error, retry.at());
            }
            case RetryPolicy.Verdict.GiveUp giveUp -> {
                jdbi.useExtension(DeliveryDao.class, deliveries -> deliveries.markFailed(delivery.deliveryId(), error));
                record(delivery, "failed");
                log.warn("delivery failed for good webhook={} deliveryId={} kind={} attempts={} status={} error=\"{}\"",
                        delivery.webhook(), delivery.deliveryId(), delivery.kind(), attempt, status, error);
            }
        }
    }

    private void record(Delivery delivery, String outcome) {
        Counter.builder("sentinel.notifier.deliveries").tag("webhook", delivery.webhook()).tag("outcome", outcome)
                .description("Delivery attempts by webhook and outcome: delivered, retried or failed (given up)")
                .register(meters).increment();
    }
}
