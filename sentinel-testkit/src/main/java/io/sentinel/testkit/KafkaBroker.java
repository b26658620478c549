package io.sentinel.testkit;

import io.sentinel.runtime.config.KafkaTopicProperties;
import io.sentinel.runtime.kafka.TopicProvisioner;
import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real single-node Kafka broker (KRaft) in this JVM: the same broker code as production, without
 * a separate install. Used by the tests and by the local launcher.
 */
public final class KafkaBroker implements AutoCloseable {

    private final EmbeddedKafkaKraftBroker broker;

    private KafkaBroker(EmbeddedKafkaKraftBroker broker) {
        this.broker = broker;
    }

    /** Starts the broker on a free port (the KRaft test kit chooses it); see {@link #bootstrapServers()}. */
    public static KafkaBroker start() {
        var broker = new EmbeddedKafkaKraftBroker(1, 3);
        broker.brokerProperties(Map.of(
                // A single broker: internal topics cannot be replicated, and nobody should wait for
                // more consumers to join a group before it starts.
                "offsets.topic.replication.factor", "1",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "group.initial.rebalance.delay.ms", "0",
                "auto.create.topics.enable", "true"));
        broker.afterPropertiesSet();
        return new KafkaBroker(broker);
    }

    /** Creates Sentinel's topics as every service would at start-up, so probes can attach before any service runs. */
    public void provisionTopics() {
        new TopicProvisioner(Map.of("bootstrap.servers", bootstrapServers()), KafkaTopicProperties.singleBroker()).provision();
    }

    public String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    @Override
    public void close() {
        broker.destroy();
    }
}
