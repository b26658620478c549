package io.sentinel.runtime.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Sentinel's topics are created when they do not exist yet.
 *
 * @param provision         create missing topics (and their dead-letter topics) at start-up
 * @param partitions        partitions per topic; incidents are spread over them by incident id
 * @param replicationFactor 3 in production, 1 for a single local broker
 */
@ConfigurationProperties("sentinel.kafka")
public record KafkaTopicProperties(@DefaultValue("true") boolean provision,
                                   @DefaultValue("3") int partitions,
                                   @DefaultValue("1") short replicationFactor) {

    public KafkaTopicProperties {
        if (partitions < 1) {
            throw new IllegalArgumentException("sentinel.kafka.partitions must be at least 1, was " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("sentinel.kafka.replication-factor must be at least 1, was " + replicationFactor);
        }
    }
}
