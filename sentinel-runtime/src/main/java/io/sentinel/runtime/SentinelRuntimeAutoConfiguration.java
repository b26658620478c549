package io.sentinel.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.sentinel.events.EventCodec;
import io.sentinel.runtime.config.KafkaTopicProperties;
import io.sentinel.runtime.config.ServiceIdentityProperties;
import io.sentinel.runtime.consume.EventConsumers;
import io.sentinel.runtime.inbox.InboxJanitor;
import io.sentinel.runtime.inbox.InboxProperties;
import io.sentinel.runtime.kafka.DirectEventPublisher;
import io.sentinel.runtime.kafka.EventProducer;
import io.sentinel.runtime.kafka.EventRecords;
import io.sentinel.runtime.kafka.TopicProvisioner;
import io.sentinel.runtime.outbox.EventEnvelopes;
import io.sentinel.runtime.outbox.EventOutbox;
import io.sentinel.runtime.outbox.OutboxProperties;
import io.sentinel.runtime.outbox.OutboxRelay;
import java.time.Clock;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.cloud.stream.binder.kafka.utils.DlqDestinationResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/** What every Sentinel service gets by depending on this module. */
@AutoConfiguration(after = {DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class, KafkaAutoConfiguration.class})
@EnableConfigurationProperties({ServiceIdentityProperties.class, KafkaTopicProperties.class, OutboxProperties.class, InboxProperties.class})
@EnableScheduling
public class SentinelRuntimeAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    EventCodec eventCodec() {
        return new EventCodec();
    }

    @Bean
    @ConditionalOnMissingBean
    Jdbi jdbi(DataSource dataSource) {
        return Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin()).installPlugin(new PostgresPlugin());
    }

    /** Runs when the bean is created, before any binding starts consuming or producing. */
    @Bean(initMethod = "provision")
    TopicProvisioner topicProvisioner(KafkaProperties kafka, KafkaTopicProperties topics) {
        return new TopicProvisioner(kafka.buildAdminProperties(), topics);
    }

    /** Every consumer dead-letters to {@code <topic>.dlq}, whatever its group. */
    @Bean
    DlqDestinationResolver dlqDestinationResolver() {
        return (record, exception) -> record.topic() + ".dlq";
    }

    @Bean
    EventEnvelopes eventEnvelopes(ServiceIdentityProperties identity, Clock clock) {
        return new EventEnvelopes(identity.name(), clock);
    }

    @Bean
    EventRecords eventRecords(EventCodec codec) {
        return new EventRecords(codec);
    }

    @Bean(destroyMethod = "close")
    EventProducer eventProducer(KafkaProperties kafka, ServiceIdentityProperties identity) {
        var properties = kafka.buildProducerProperties();
        properties.put("client.id", identity.name() + "-events");
        return new EventProducer(properties);
    }

    @Bean
    OutboxRelay outboxRelay(Jdbi jdbi, EventProducer producer, EventCodec codec, OutboxProperties properties, MeterRegistry meters) {
        return new OutboxRelay(jdbi, producer, codec.mapper(), properties, meters);
    }

    @Bean
    EventOutbox eventOutbox(EventEnvelopes envelopes, EventRecords records, EventCodec codec, OutboxRelay relay) {
        return new EventOutbox(envelopes, records, codec.mapper(), relay);
    }

    @Bean
    EventConsumers eventConsumers(EventCodec codec, Jdbi jdbi, EventOutbox outbox, MeterRegistry meters, Clock clock) {
        return new EventConsumers(codec, jdbi, outbox, meters, clock);
    }

    @Bean
    DirectEventPublisher directEventPublisher(EventEnvelopes envelopes, EventRecords records, EventProducer producer,
                                              OutboxProperties properties) {
        return new DirectEventPublisher(envelopes, records, producer, properties.sendTimeout());
    }

    @Bean
    InboxJanitor inboxJanitor(Jdbi jdbi, InboxProperties properties, Clock clock) {
        return new InboxJanitor(jdbi, properties, clock);
    }
}
