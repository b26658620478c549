package io.sentinel.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.sentinel.events.EventCodec;
import io.sentinel.events.Topic;
import io.sentinel.events.config.ConfigEvent;
import io.sentinel.runtime.config.KafkaTopicProperties;
import io.sentinel.runtime.config.ServiceIdentityProperties;
import io.sentinel.runtime.consume.EventConsumers;
import io.sentinel.runtime.consume.RecordFailureHandling;
import io.sentinel.runtime.db.SentinelJdbi;
import io.sentinel.runtime.inbox.InboxJanitor;
import io.sentinel.runtime.inbox.InboxProperties;
import io.sentinel.runtime.kafka.DirectEventPublisher;
import io.sentinel.runtime.kafka.EventEnvelopes;
import io.sentinel.runtime.kafka.EventProducer;
import io.sentinel.runtime.kafka.EventRecords;
import io.sentinel.runtime.kafka.TopicProvisioner;
import io.sentinel.runtime.outbox.EventOutbox;
import io.sentinel.runtime.outbox.OutboxProperties;
import io.sentinel.runtime.outbox.OutboxRelay;
import io.sentinel.runtime.settings.RuntimeSettings;
import io.sentinel.runtime.signing.EventSigner;
import io.sentinel.runtime.signing.SignatureVerifier;
import io.sentinel.runtime.signing.SigningProperties;
import io.sentinel.runtime.tracing.PipelineTracing;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.Message;
import org.springframework.scheduling.annotation.EnableScheduling;

/** What every Sentinel service gets by depending on this module. */
@AutoConfiguration(after = {DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class, KafkaAutoConfiguration.class})
@EnableConfigurationProperties({ServiceIdentityProperties.class, KafkaTopicProperties.class, OutboxProperties.class, InboxProperties.class,
        SigningProperties.class})
@EnableScheduling
public class SentinelRuntimeAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SentinelRuntimeAutoConfiguration.class);

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
        return SentinelJdbi.create(dataSource);
    }

    /** Runs when the bean is created, before any binding starts consuming or producing. */
    @Bean(initMethod = "provision")
    TopicProvisioner topicProvisioner(KafkaProperties kafka, KafkaTopicProperties topics) {
        return new TopicProvisioner(kafka.buildAdminProperties(), topics);
    }

    /** Poison to the dead-letter topic at once, valid records wait out a database outage (see the class). */
    @Bean
    RecordFailureHandling recordFailureHandling(KafkaProperties kafka, ServiceIdentityProperties identity, MeterRegistry meters) {
        var properties = kafka.buildProducerProperties();
        properties.put("client.id", identity.name() + "-dead-letters");
        return new RecordFailureHandling(properties, Duration.ofSeconds(30), meters);
    }

    @Bean
    EventEnvelopes eventEnvelopes(ServiceIdentityProperties identity, Clock clock) {
        return new EventEnvelopes(identity.name(), clock);
    }

    /** Fails start-up, naming the property, when this service has no key to sign what it publishes with. */
    @Bean
    EventSigner eventSigner(SigningProperties properties) {
        return EventSigner.of(properties);
    }

    @Bean
    SignatureVerifier signatureVerifier(SigningProperties properties, ServiceIdentityProperties identity) {
        if (!properties.verify()) {
            log.warn("{}.verify=false: {} believes every record on Kafka, signed or not; anyone who can write to a topic can "
                    + "forge decisions and votes. Use this for diagnosis only.", SigningProperties.PREFIX, identity.name());
            return SignatureVerifier.believingEverything();
        }
        return SignatureVerifier.trusting(properties.trustedKeys());
    }

    @Bean
    EventRecords eventRecords(EventCodec codec, EventSigner signer) {
        return new EventRecords(codec, signer);
    }

    @Bean
    @ConditionalOnMissingBean
    RuntimeSettings runtimeSettings() {
        return new RuntimeSettings();
    }

    /**
     * The runtime settings, for services that list {@code config} in their function definition; the
     * binding (every instance reads the whole compacted topic) is a shared default.
     */
    @Bean
    @ConditionalOnMissingBean(name = "config")
    Consumer<Message<byte[]>> config(EventConsumers consumers, RuntimeSettings settings) {
        return consumers.replaying(Topic.CONFIG, ConfigEvent.class, settings::apply);
    }

    @Bean(destroyMethod = "close")
    EventProducer eventProducer(KafkaProperties kafka, ServiceIdentityProperties identity, MeterRegistry meters) {
        var properties = kafka.buildProducerProperties();
        properties.put("client.id", identity.name() + "-events");
        return new EventProducer(properties).measuredBy(meters, identity.name() + "-events");
    }

    @Bean
    OutboxRelay outboxRelay(Jdbi jdbi, EventProducer producer, EventCodec codec, OutboxProperties properties, MeterRegistry meters,
                            ObjectProvider<PipelineTracing> tracing, Clock clock) {
        return new OutboxRelay(jdbi, producer, codec.mapper(), properties, meters, tracing(tracing), clock);
    }

    @Bean
    EventOutbox eventOutbox(EventEnvelopes envelopes, EventRecords records, EventCodec codec, OutboxRelay relay,
                            ObjectProvider<PipelineTracing> tracing) {
        return new EventOutbox(envelopes, records, codec.mapper(), relay, tracing(tracing));
    }

    @Bean
    EventConsumers eventConsumers(EventCodec codec, Jdbi jdbi, EventOutbox outbox, MeterRegistry meters, Clock clock,
                                  SignatureVerifier signatures, ObjectProvider<PipelineTracing> tracing) {
        return new EventConsumers(codec, jdbi, outbox, meters, clock, signatures, tracing(tracing));
    }

    @Bean
    DirectEventPublisher directEventPublisher(EventEnvelopes envelopes, EventRecords records, EventProducer producer,
                                              OutboxProperties properties, ObjectProvider<PipelineTracing> tracing, MeterRegistry meters) {
        return new DirectEventPublisher(envelopes, records, producer, properties.sendTimeout(), tracing(tracing), meters);
    }

    /** The pipeline's spans where tracing is configured (see {@code TracingAutoConfiguration}), none otherwise. */
    private static PipelineTracing tracing(ObjectProvider<PipelineTracing> tracing) {
        return tracing.getIfAvailable(PipelineTracing::disabled);
    }

    @Bean
    InboxJanitor inboxJanitor(Jdbi jdbi, InboxProperties properties, Clock clock) {
        return new InboxJanitor(jdbi, properties, clock);
    }
}
