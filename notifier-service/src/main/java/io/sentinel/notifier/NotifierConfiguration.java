package io.sentinel.notifier;

import io.micrometer.core.instrument.MeterRegistry;
import io.sentinel.notifier.delivery.DeliveryDispatcher;
import io.sentinel.notifier.delivery.DeliveryProperties;
import io.sentinel.notifier.delivery.DeliveryQueue;
import io.sentinel.notifier.intake.NotificationIntake;
import io.sentinel.notifier.webhook.WebhookClient;
import io.sentinel.notifier.webhook.WebhookProperties;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** How the notifier is put together: intake → delivery queue → dispatcher → webhooks. */
@Configuration
class NotifierConfiguration {

    private static final Logger log = LoggerFactory.getLogger(NotifierConfiguration.class);

    @Bean
    WebhookClient webhookClient(DeliveryProperties properties, Clock clock) {
        return new WebhookClient(properties.requestTimeout(), clock);
    }

    @Bean
    DeliveryDispatcher deliveryDispatcher(Jdbi jdbi, WebhookProperties webhooks, WebhookClient client, DeliveryProperties properties,
                                          Clock clock, MeterRegistry meters) {
        log.info("webhooks configured count={} names={}", webhooks.webhooks().size(),
                webhooks.webhooks().stream().map(webhook -> webhook.name()).toList());
        return new DeliveryDispatcher(jdbi, webhooks, client, properties, clock, meters);
    }

    @Bean
    DeliveryQueue deliveryQueue(WebhookProperties webhooks, DeliveryDispatcher dispatcher, Clock clock) {
        // Jackson's defaults keep null-valued keys, which the payload contract promises.
        return new DeliveryQueue(webhooks, dispatcher, JsonMapper.shared(), clock);
    }

    @Bean
    NotificationIntake notificationIntake(DeliveryQueue queue) {
        return new NotificationIntake(queue);
    }
}
