package io.sentinel.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IngestRateLimitsTest {

    private static final String SHA = "6b86b273ff34fce19d6b804eff5a3f5747ada4eaa22f1d49c01e52ddb7875b4b";
    private static final IngestRateLimit DEFAULTS = new IngestRateLimit(20.0, 40);

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Test
    void aTokenMayBurstThenGetsTheRateAndIsToldHowLongToWait() {
        IngestRateLimits limits = IngestRateLimits.of(DEFAULTS, List.of(token("flood", new IngestRateLimit(2.0, 3))), nanos::get);

        for (int i = 0; i < 3; i++) {
            assertThat(limits.tryAcquire("flood")).as("request %d of the burst", i + 1).isEmpty();
        }
        assertThat(limits.tryAcquire("flood")).contains(Duration.ofMillis(500));

        nanos.addAndGet(Duration.ofMillis(499).toNanos());
        assertThat(limits.tryAcquire("flood")).as("not quite refilled").hasValueSatisfying(wait -> assertThat(wait).isPositive());
        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(limits.tryAcquire("flood")).as("one request refilled after 1/rate").isEmpty();
        assertThat(limits.tryAcquire("flood")).isPresent();

        nanos.addAndGet(Duration.ofHours(1).toNanos());
        for (int i = 0; i < 3; i++) {
            assertThat(limits.tryAcquire("flood")).as("a quiet hour refills the burst, no more").isEmpty();
        }
        assertThat(limits.tryAcquire("flood")).isPresent();
    }

    @Test
    void oneTokenFloodingLeavesAnotherTokensBudgetWhole() {
        IngestRateLimits limits = IngestRateLimits.of(DEFAULTS, List.of(token("flood", new IngestRateLimit(1.0, 1)), token("ci", null)),
                nanos::get);

        int refused = 0;
        for (int i = 0; i < 10_000; i++) {
            if (limits.tryAcquire("flood").isPresent()) {
                refused++;
            }
        }

        assertThat(refused).isEqualTo(9_999);
        for (int i = 0; i < 40; i++) {
            assertThat(limits.tryAcquire("ci")).as("ci's burst of 40, untouched by flood").isEmpty();
        }
        assertThat(limits.tryAcquire("ci")).isPresent();
        assertThat(limits.tryAcquire(IngestTokens.ENVIRONMENT_TOKEN_NAME)).as("the environment token has the defaults").isEmpty();
    }

    @Test
    void aTokensOverrideTakesTheDefaultForWhatItLeavesOut() {
        IngestRateLimits limits = IngestRateLimits.of(DEFAULTS, List.of(token("slow", new IngestRateLimit(0.5, null)),
                token("bursty", new IngestRateLimit(null, 2))), nanos::get);

        assertThat(limits.limitOf("slow")).contains(new IngestRateLimit(0.5, 40));
        assertThat(limits.limitOf("bursty")).contains(new IngestRateLimit(20.0, 2));
        assertThat(limits.limitOf("ci")).isEmpty();
    }

    @Test
    void aNameWithoutABucketIsRefusedAndGetsNone() {
        IngestRateLimits limits = IngestRateLimits.of(DEFAULTS, List.of(), nanos::get);

        for (int i = 0; i < 1000; i++) {
            assertThat(limits.tryAcquire("made-up-" + i)).isEqualTo(Optional.of(Duration.ofSeconds(1)));
        }
        assertThat(limits.limitOf("made-up-1")).as("no bucket was made for it").isEmpty();
    }

    private static IngestToken token(String name, IngestRateLimit limit) {
        return new IngestToken(name, SHA, limit);
    }
}
