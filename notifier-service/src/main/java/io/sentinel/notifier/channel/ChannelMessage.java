package io.sentinel.notifier.channel;

import io.sentinel.notifier.notification.NotificationKind;

/**
 * What a channel is asked to deliver.
 *
 * @param deliveryId stable across attempts: receivers deduplicate on it
 * @param payload    the notification's JSON payload (the contract {@code Notification} documents); a
 *                   channel sends it as it is or renders it as its receiver expects
 */
public record ChannelMessage(String deliveryId, NotificationKind kind, String payload) {
}
