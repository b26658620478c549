package io.sentinel.testkit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** How far a consumer group is behind on a topic, read from the broker: the way to know a service processed everything sent. */
public final class ConsumerLag {

    private ConsumerLag() {
    }

    /** Waits until {@code group} has committed every record currently on {@code topic}. */
    public static void awaitCaughtUp(String bootstrapServers, String group, String topic, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lag = Long.MAX_VALUE;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            while (System.nanoTime() < deadline) {
                lag = lag(admin, group, topic);
                if (lag == 0) {
                    return;
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("could not read the lag of group " + group + ": " + e.getMessage(), e);
        }
        throw new AssertionError("group " + group + " is still " + lag + " records behind on " + topic + " after " + timeout);
    }

    private static long lag(Admin admin, String group, String topic) throws ExecutionException, InterruptedException, TimeoutException {
        var partitions = admin.describeTopics(java.util.List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic).partitions()
                .stream().map(info -> new TopicPartition(topic, info.partition())).toList();
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin
                .listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                .all().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        long lag = 0;
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = committed.get(partition);
            lag += ends.get(partition).offset() - (offset == null ? 0 : offset.offset());
        }
        return lag;
    }
}
