package io.sentinel.detector.limits;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cap on distinct keys per rule family. A rule asks before it starts keeping state for a key it
 * has not seen; beyond the cap the key is not tracked at all (no row, no finding), which a metric
 * ({@code sentinel.detector.keys.refused}) counts and the log says once per report interval. Keys
 * already tracked are never affected: a flood of new series cannot push out the ones that matter.
 * <p>
 * The counts come from the database every recount interval and rise with every key admitted in
 * between, so the cap holds across restarts and, within a recount interval, across replicas only
 * approximately (each may admit up to the cap's remainder once). Thread-safe.
 */
public final class KeyLimits {

    private static final Logger log = LoggerFactory.getLogger(KeyLimits.class);

    private final long max;
    private final Duration reportInterval;
    private final MeterRegistry meters;
    private final LongSupplier nanoTime;
    private final Map<KeyFamily, AtomicLong> tracked = new EnumMap<>(KeyFamily.class);
    private final Map<KeyFamily, AtomicLong> lastReported = new EnumMap<>(KeyFamily.class);

    public KeyLimits(long max, Duration reportInterval, MeterRegistry meters, LongSupplier nanoTime) {
        this.max = max;
        this.reportInterval = reportInterval;
        this.meters = meters;
        this.nanoTime = nanoTime;
        for (KeyFamily family : KeyFamily.values()) {
            AtomicLong count = new AtomicLong();
            tracked.put(family, count);
            lastReported.put(family, new AtomicLong(Long.MIN_VALUE));
            Gauge.builder("sentinel.detector.keys.tracked", count, AtomicLong::get).description("Distinct keys a rule family keeps state for")
                    .tag("family", family.tag()).register(meters);
            // At zero from the start, so that an alert on increase() fires on the first refusal.
            refusals(family);
        }
    }

    private Counter refusals(KeyFamily family) {
        return Counter.builder("sentinel.detector.keys.refused").description("New keys not tracked because their rule family was at its limit")
                .tag("family", family.tag()).register(meters);
    }

    public static KeyLimits of(LimitsProperties properties, MeterRegistry meters) {
        return new KeyLimits(properties.maxSeriesPerFamily(), properties.reportInterval(), meters, System::nanoTime);
    }

    /** No cap: for tests of other things. */
    public static KeyLimits unlimited() {
        return new KeyLimits(Long.MAX_VALUE, Duration.ofMinutes(10), new SimpleMeterRegistry(), System::nanoTime);
    }

    public long max() {
        return max;
    }

    /**
     * May the family keep state for one more key? Counts it if so; refuses, counts and (once per
     * interval) logs it if not.
     */
    public boolean admit(KeyFamily family) {
        AtomicLong count = tracked.get(family);
        if (count.incrementAndGet() <= max) {
            return true;
        }
        count.decrementAndGet();
        refused(family);
        return false;
    }

    /** The family's keys as last counted plus those admitted since. */
    public long tracked(KeyFamily family) {
        return tracked.get(family).get();
    }

    /** Every family's keys as counted in the database, replacing the running estimates. */
    public void recounted(Map<KeyFamily, Long> counts) {
        counts.forEach((family, count) -> tracked.get(family).set(count));
    }

    private void refused(KeyFamily family) {
        refusals(family).increment();
        AtomicLong last = lastReported.get(family);
        long now = nanoTime.getAsLong();
        long previous = last.get();
        if ((previous == Long.MIN_VALUE || now - previous >= reportInterval.toNanos()) && last.compareAndSet(previous, now)) {
            log.warn("rule family at its limit family={} keys={} max={}: new keys are not tracked (sentinel.detector.limits"
                    + ".max-series-per-family); said again after {} if it goes on", family.tag(), tracked(family), max, reportInterval);
        }
    }
}
