package io.sentinel.detector.it;

import io.sentinel.events.EventEnvelope;
import io.sentinel.events.SentinelEvent;
import io.sentinel.events.Topic;
import io.sentinel.testkit.ConsumerLag;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * What the shared test detector published. Other detectors run in the same JVM on the same topics
 * (DetectorRestartTest starts its own, with the default configuration, under another source), so
 * tests that wait for an incident accept it only from the one they drive.
 */
abstract class SharedDetectorEvents extends DetectorIntegrationTest {

    private static final String SOURCE = "detector";

    static <E extends SentinelEvent> List<E> published(Class<E> type) {
        return probe.envelopes(type).stream().filter(envelope -> envelope.source().equals(SOURCE))
                .map(EventEnvelope::event).map(type::cast).toList();
    }

    static <E extends SentinelEvent> E awaitPublished(Class<E> type, Predicate<E> condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            var match = published(type).stream().filter(condition).findFirst();
            if (match.isPresent()) {
                return match.get();
            }
            pause(Duration.ofMillis(50));
        }
        throw new AssertionError("the detector published no " + type.getSimpleName() + " matching the condition within " + WAIT
                + "; it published " + published(type));
    }

    /** For asserting that nothing happened: every signal sent so far was processed, and what it caused was relayed. */
    static void awaitSignalsProcessed() {
        ConsumerLag.awaitCaughtUp(bootstrapServers(), SOURCE, Topic.SIGNALS.topicName(), Duration.ofSeconds(60));
        pause(Duration.ofSeconds(1));
    }
}
