package io.sentinel.gateway.kafka;

import io.sentinel.gateway.ask.OpenAsks;
import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.cloud.stream.binder.kafka.KafkaBindingRebalanceListener;
import org.springframework.stereotype.Component;

/**
 * Tells {@link OpenAsks} when this instance reads the answers topic. The binding starts from the
 * latest offset, so an answer written before its partitions are assigned would pass unseen: questions
 * are taken only once they are, and once the consumer has settled where it reads from (asking for
 * each partition's position here makes it look the offset up now rather than at its first fetch).
 */
@Component
class AnswersListening implements KafkaBindingRebalanceListener {

    static final String BINDING = "answers-in-0";

    private final OpenAsks asks;

    AnswersListening(OpenAsks asks) {
        this.asks = asks;
    }

    @Override
    public void onPartitionsAssigned(String bindingName, Consumer<?, ?> consumer, Collection<TopicPartition> partitions, boolean initial) {
        if (BINDING.equals(bindingName) && !partitions.isEmpty()) {
            partitions.forEach(consumer::position);
            asks.listening(true);
        }
    }

    @Override
    public void onPartitionsRevokedBeforeCommit(String bindingName, Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (BINDING.equals(bindingName) && !partitions.isEmpty()) {
            asks.listening(false);
        }
    }
}
