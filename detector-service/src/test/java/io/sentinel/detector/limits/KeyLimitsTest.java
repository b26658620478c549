package io.sentinel.detector.limits;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class KeyLimitsTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicLong nanos = new AtomicLong();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(KeyLimits.class);

    @BeforeEach
    void captureLogs() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void releaseLogs() {
        logger.detachAppender(logged);
    }

    @Test
    void admitsNewKeysUpToTheCapThenRefusesCountsAndSaysSoOncePerInterval() {
        var limits = new KeyLimits(3, Duration.ofMinutes(10), meters, nanos::get);

        for (int i = 0; i < 3; i++) {
            assertThat(limits.admit(KeyFamily.HEARTBEATS)).isTrue();
        }
        for (int i = 0; i < 1000; i++) {
            assertThat(limits.admit(KeyFamily.HEARTBEATS)).isFalse();
        }
        nanos.addAndGet(Duration.ofMinutes(9).toNanos());
        assertThat(limits.admit(KeyFamily.HEARTBEATS)).isFalse();
        nanos.addAndGet(Duration.ofMinutes(1).toNanos());
        assertThat(limits.admit(KeyFamily.HEARTBEATS)).isFalse();

        assertThat(limits.tracked(KeyFamily.HEARTBEATS)).isEqualTo(3);
        assertThat(meters.get("sentinel.detector.keys.refused").tag("family", "heartbeats").counter().count()).isEqualTo(1002);
        assertThat(meters.get("sentinel.detector.keys.tracked").tag("family", "heartbeats").gauge().value()).isEqualTo(3);
        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage).as("at the first refusal, then after the interval")
                .hasSize(2).allSatisfy(line -> assertThat(line).startsWith("rule family at its limit family=heartbeats keys=3 max=3: new keys "
                        + "are not tracked (sentinel.detector.limits.max-series-per-family)"));
    }

    @Test
    void eachFamilyHasItsOwnCap() {
        var limits = new KeyLimits(1, Duration.ofMinutes(10), meters, nanos::get);

        assertThat(limits.admit(KeyFamily.QUEUES)).isTrue();
        assertThat(limits.admit(KeyFamily.QUEUES)).isFalse();
        assertThat(limits.admit(KeyFamily.CONDITIONS)).as("another family is not affected").isTrue();
    }

    @Test
    void refusesAnInvalidConfigurationNamingTheProperty() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LimitsProperties(0, Duration.ofMinutes(1), Duration.ofMinutes(10)))
                .hasMessage("sentinel.detector.limits.max-series-per-family must be at least 1, was 0");
    }
}
