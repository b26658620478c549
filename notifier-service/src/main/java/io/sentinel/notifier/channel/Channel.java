package io.sentinel.notifier.channel;

import io.sentinel.notifier.notification.NotificationKind;

/**
 * One way of telling people: a webhook today; Slack, Telegram, PagerDuty and e-mail next. A channel is
 * one class implementing this and its test, composed with the others in {@code NotifierConfiguration};
 * the queue, the dispatcher, the retries and the metrics are the same for every channel, and nothing
 * else changes when one is added.
 */
public interface Channel {

    /**
     * Unique among all channels, whatever their type (lowercase letters, digits and dashes): it names the
     * channel in delivery ids, logs and metrics, so it must not change while deliveries are queued.
     */
    String name();

    /** Whether it wants notifications of this kind. */
    boolean wants(NotificationKind kind);

    /**
     * One attempt to deliver, within the channel's own timeout. Never throws: a failure says whether it
     * is worth trying again ({@link SendResult.Failed#retryable}). Never logs the payload or a secret.
     */
    SendResult send(ChannelMessage message);
}
