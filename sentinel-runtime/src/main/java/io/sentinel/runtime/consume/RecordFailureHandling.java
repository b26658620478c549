package io.sentinel.runtime.consume;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sentinel.events.EventContractViolation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * What happens to a record whose handling failed, decided by the listener container rather than
 * inside the binder, so that waiting never holds a consumer past {@code max.poll.interval.ms}:
 * <ul>
 *   <li>a record that breaks the contract (unreadable, untrusted) goes to {@code <topic>.dlq} at once;</li>
 *   <li>a transient failure (the database away) is retried with back-off for as long as it lasts: the
 *       partition waits, the record is valid and must not end in a dead-letter topic;</li>
 *   <li>anything else is retried as the binding's retry settings say, then dead-lettered.</li>
 * </ul>
 * Dead letters carry the reason as {@code x-exception-message} (the innermost cause's message),
 * with {@code x-exception-fqcn}, {@code x-exception-stacktrace} and {@code x-original-topic},
 * {@code -partition}, {@code -offset} (ADR 0003).
 */
public final class RecordFailureHandling implements ListenerContainerWithDlqAndRetryCustomizer, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RecordFailureHandling.class);

    private final DefaultKafkaProducerFactory<byte[], byte[]> producers;
    private final KafkaOperations<byte[], byte[]> deadLetters;
    private final Duration transientMaxInterval;
    private final Counter transientRetries;
    private final MeterRegistry meters;

    /** @param producerProperties the service's Kafka producer settings (bootstrap, security) */
    public RecordFailureHandling(Map<String, Object> producerProperties, Duration transientMaxInterval, MeterRegistry meters) {
        // Records are copied to the dead-letter topic byte for byte, as the binder received them.
        this.producers = new DefaultKafkaProducerFactory<>(producerProperties, new ByteArraySerializer(), new ByteArraySerializer());
        this.deadLetters = new KafkaTemplate<>(producers);
        this.transientMaxInterval = transientMaxInterval;
        this.meters = meters;
        this.transientRetries = Counter.builder("sentinel.events.transient.retries")
                .description("Deliveries retried because the database (or another dependency) was briefly unavailable")
                .register(meters);
    }

    @Override
    public boolean retryAndDlqInBinding(String destinationName, String group) {
        return false;
    }

    @Override
    public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
                          BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver, BackOff backOff) {
        // The binder passes a resolver only where the binding has a dead-letter topic (not the
        // anonymous config group); where it goes is ours to say: <topic>.dlq, whatever the group.
        DefaultErrorHandler handler = new DefaultErrorHandler(
                dlqDestinationResolver == null ? null : recoverer((record, failure) -> new TopicPartition(record.topic() + ".dlq", -1)),
                backOff == null ? new FixedBackOff(0, 0) : backOff);
        handler.addNotRetryableExceptions(EventContractViolation.class);
        handler.setBackOffFunction((record, failure) -> TransientFailures.isTransient(failure) ? untilItWorks() : null);
        // A transient failure that becomes another (the database is back, the record now fails for a
        // reason of its own) starts counting attempts afresh rather than inheriting "retry forever".
        handler.setResetStateOnExceptionChange(true);
        handler.setRetryListeners(new RetryListener() {
            @Override
            public void failedDelivery(ConsumerRecord<?, ?> record, Exception failure, int deliveryAttempt) {
                if (TransientFailures.isTransient(failure)) {
                    transientRetries.increment();
                    log.warn("retrying record topic={} partition={} offset={} attempt={}: a dependency is unavailable ({}); the "
                            + "partition waits until it is back", record.topic(), record.partition(), record.offset(), deliveryAttempt,
                            innermost(failure).toString());
                }
            }
        });
        container.setCommonErrorHandler(handler);
    }

    @Override
    public void destroy() {
        producers.destroy();
    }

    private BackOff untilItWorks() {
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(transientMaxInterval.toMillis());
        return backOff;
    }

    private DeadLetterPublishingRecoverer recoverer(BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> destination) {
        var recoverer = new DeadLetterPublishingRecoverer(deadLetters, destination) {
            @Override
            public void accept(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception failure) {
                super.accept(record, consumer, failure);
                deadLettered(record.topic(), failure).increment();
            }
        };
        recoverer.setHeaderNamesSupplier(() -> DeadLetterPublishingRecoverer.HeaderNames.Builder.original()
                .topicHeader("x-original-topic")
                .partitionHeader("x-original-partition")
                .offsetHeader("x-original-offset")
                .timestampHeader("x-original-timestamp")
                .timestampTypeHeader("x-original-timestamp-type")
                .consumerGroupHeader("x-original-consumer-group")
                .exception()
                .exceptionFqcn("x-exception-fqcn")
                .exceptionCauseFqcn("x-exception-cause-fqcn")
                .exceptionMessage("x-exception-message")
                .exceptionStacktrace("x-exception-stacktrace")
                .keyExceptionFqcn("x-key-exception-fqcn")
                .keyExceptionMessage("x-key-exception-message")
                .keyExceptionStacktrace("x-key-exception-stacktrace")
                .build());
        recoverer.setExceptionHeadersCreator(RecordFailureHandling::reasonHeaders);
        return recoverer;
    }

    /** Counted once the dead letter is on its topic: a send that failed throws above, and is retried. */
    private Counter deadLettered(String topic, Exception failure) {
        return Counter.builder("sentinel.events.dead.letters").tag("topic", topic)
                .tag("reason", innermost(failure) instanceof EventContractViolation ? "contract-violation" : "handling-failed")
                .description("Records sent to <topic>.dlq, by the topic they came from and why: contract-violation (unreadable, "
                        + "invalid or untrusted) or handling-failed (the handler failed on every attempt)")
                .register(meters);
    }

    /** The reason an operator reads is the innermost cause's message, not the listener's wrapping of it. */
    private static void reasonHeaders(Headers headers, Exception failure, boolean isKey,
                                      DeadLetterPublishingRecoverer.HeaderNames names) {
        Throwable reason = innermost(failure);
        headers.add("x-exception-fqcn", utf8(reason.getClass().getName()));
        headers.add("x-exception-message", utf8(String.valueOf(reason.getMessage())));
        StringWriter trace = new StringWriter();
        reason.printStackTrace(new PrintWriter(trace));
        headers.add("x-exception-stacktrace", utf8(trace.toString()));
    }

    private static Throwable innermost(Throwable failure) {
        Throwable reason = failure;
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            reason = cause;
            if (cause instanceof EventContractViolation) {
                break;
            }
        }
        return reason;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
