package io.sentinel.notifier;

import io.micrometer.core.instrument.MeterRegistry;
import io.sentinel.notifier.channel.Channel;
import io.sentinel.notifier.channel.Channels;
import io.sentinel.notifier.db.DeliveryStore;
import io.sentinel.notifier.delivery.DeliveryDispatcher;
import io.sentinel.notifier.delivery.DeliveryProperties;
import io.sentinel.notifier.delivery.DeliveryQueue;
import io.sentinel.notifier.intake.NotificationIntake;
import io.sentinel.notifier.webhook.WebhookChannel;
import io.sentinel.notifier.webhook.WebhookProperties;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * How the notifier is put together: intake → delivery queue → dispatcher → channels. The one place
 * channels are composed: a new type (Slack, Telegram, PagerDuty, e-mail) adds its configured channels
 * in {@link #channels}.
 */
@Configuration
class NotifierConfiguration {

    private static final Logger log = LoggerFactory.getLogger(NotifierConfiguration.class);

    @Bean
    Channels channels(WebhookProperties webhooks, DeliveryProperties delivery, Clock clock) {
        List<Channel> channels = new ArrayList<>();
        HttpClient http = WebhookChannel.httpClient(delivery.requestTimeout());
        webhooks.webhooks().forEach(webhook -> channels.add(new WebhookChannel(webhook, http, delivery.requestTimeout(), clock)));
        log.info("channels configured count={} names={}", channels.size(), channels.stream().map(Channel::name).toList());
        return new Channels(channels);
    }

    @Bean
    DeliveryStore deliveryStore(Jdbi jdbi) {
        return new DeliveryStore(jdbi);
    }

    @Bean
    DeliveryDispatcher deliveryDispatcher(DeliveryStore deliveries, Channels channels, DeliveryProperties properties, Clock clock,
                                          MeterRegistry meters) {
        return new DeliveryDispatcher(deliveries, channels, properties, clock, meters);
    }

    @Bean
    DeliveryQueue deliveryQueue(Channels channels, DeliveryDispatcher dispatcher, Clock clock) {
        // Jackson's defaults keep null-valued keys, which the payload contract promises.
        return new DeliveryQueue(channels, dispatcher, JsonMapper.shared(), clock);
    }

    @Bean
    NotificationIntake notificationIntake(DeliveryQueue queue) {
        return new NotificationIntake(queue);
    }
}
