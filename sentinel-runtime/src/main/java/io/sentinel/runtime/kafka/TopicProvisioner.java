package io.sentinel.runtime.kafka;

import io.sentinel.events.Topic;
import io.sentinel.runtime.config.KafkaTopicProperties;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates Sentinel's topics and their dead-letter topics if they are missing, before any binding
 * starts, so that the compacted config topic is created compacted rather than auto-created plain.
 */
public final class TopicProvisioner {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

    private final Map<String, Object> adminProperties;
    private final KafkaTopicProperties properties;

    public TopicProvisioner(Map<String, Object> adminProperties, KafkaTopicProperties properties) {
        this.adminProperties = adminProperties;
        this.properties = properties;
    }

    public void provision() {
        if (!properties.provision()) {
            return;
        }
        try (Admin admin = Admin.create(adminProperties)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (Topic topic : Topic.values()) {
                if (!existing.contains(topic.topicName())) {
                    missing.add(newTopic(topic.topicName(), topic.compacted()));
                }
                if (!existing.contains(topic.deadLetterTopicName())) {
                    missing.add(newTopic(topic.deadLetterTopicName(), false));
                }
            }
            if (missing.isEmpty()) {
                return;
            }
            admin.createTopics(missing).values().forEach((name, future) -> {
                try {
                    future.get(30, TimeUnit.SECONDS);
                    log.info("created topic={} partitions={} replicationFactor={} minInsyncReplicas={}", name, properties.partitions(),
                            properties.replicationFactor(), properties.minInsyncReplicas());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                        throw new IllegalStateException("could not create topic " + name + ": " + e.getCause().getMessage(), e);
                    }
                } catch (InterruptedException | TimeoutException e) {
                    throw new IllegalStateException("could not create topic " + name + " within 30s", e);
                }
            });
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka at " + adminProperties.get("bootstrap.servers") + " refused to list topics: "
                    + e.getCause().getMessage() + "; check SENTINEL_KAFKA_BOOTSTRAP_SERVERS and the Kafka security settings "
                    + "(SENTINEL_KAFKA_SECURITY_PROTOCOL, SENTINEL_KAFKA_SASL_*, SENTINEL_KAFKA_SSL_*)", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + adminProperties.get("bootstrap.servers")
                    + " did not answer; check spring.kafka.bootstrap-servers (SENTINEL_KAFKA_BOOTSTRAP_SERVERS)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while provisioning topics", e);
        }
    }

    private NewTopic newTopic(String name, boolean compacted) {
        var topic = new NewTopic(name, properties.partitions(), properties.replicationFactor());
        Map<String, String> configs = new HashMap<>();
        configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Short.toString(properties.minInsyncReplicas()));
        if (compacted) {
            configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        }
        return topic.configs(configs);
    }
}
