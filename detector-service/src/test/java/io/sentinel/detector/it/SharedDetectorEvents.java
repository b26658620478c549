package io.sentinel.detector.it;

import static org.awaitility.Awaitility.await;

import io.sentinel.events.SentinelEvent;
import java.util.List;
import java.util.function.Predicate;

/**
 * What the shared test detector published. Other detectors run in the same JVM on the same topics
 * (DetectorRestartTest starts its own, with the default configuration, under another source), so
 * tests that wait for an incident accept it only from the one they drive.
 */
abstract class SharedDetectorEvents extends DetectorIntegrationTest {

    static <E extends SentinelEvent> List<E> published(Class<E> type) {
        return ours(type);
    }

    static <E extends SentinelEvent> E awaitPublished(Class<E> type, Predicate<E> condition) {
        return await().atMost(WAIT).until(() -> published(type).stream().filter(condition).findFirst(), java.util.Optional::isPresent)
                .orElseThrow();
    }
}
