package io.sentinel.runtime.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Sentinel's topics are created when they do not exist yet. The defaults suit a production
 * cluster: three copies of every record, and a write counts only once two of them have it, so
 * losing one broker loses nothing. A single local broker needs 1 and 1 (the local profile and the
 * tests set them).
 *
 * @param provision         create missing topics (and their dead-letter topics) at start-up
 * @param partitions        partitions per topic; incidents are spread over them by incident id
 * @param replicationFactor copies of every record
 * @param minInsyncReplicas copies that must have a record before the broker acknowledges it
 *                          ({@code min.insync.replicas}; the producers use {@code acks=all})
 */
@ConfigurationProperties("sentinel.kafka")
public record KafkaTopicProperties(@DefaultValue("true") boolean provision,
                                   @DefaultValue("3") int partitions,
                                   @DefaultValue("3") short replicationFactor,
                                   @DefaultValue("2") short minInsyncReplicas) {

    public KafkaTopicProperties {
        if (partitions < 1) {
            throw new IllegalArgumentException("sentinel.kafka.partitions must be at least 1, was " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("sentinel.kafka.replication-factor must be at least 1, was " + replicationFactor);
        }
        if (minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor) {
            throw new IllegalArgumentException("sentinel.kafka.min-insync-replicas must be between 1 and the replication factor ("
                    + replicationFactor + "), was " + minInsyncReplicas);
        }
    }

    /** One broker, one copy: the local stack and the tests. */
    public static KafkaTopicProperties singleBroker() {
        return new KafkaTopicProperties(true, 3, (short) 1, (short) 1);
    }
}
