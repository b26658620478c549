package io.sentinel.detector.llm;

import io.sentinel.events.settings.detector.LlmSetting;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Traces and failed traces of one application counted in fixed {@link #WIDTH} buckets of trace time,
 * which is what the error-cascade windows slide over: the state stays small (two windows of buckets)
 * whatever the traffic. Pure.
 */
public final class TraceBuckets {

    public static final Duration WIDTH = LlmSetting.BUCKET_WIDTH;

    /** One bucket's counts. */
    public record Bucket(Instant bucketStart, int traces, int failed) {
    }

    /** Traces and failures in one window. */
    public record Counts(int traces, int failed) {

        public static final Counts NONE = new Counts(0, 0);

        public double rate() {
            return traces == 0 ? 0 : (double) failed / traces;
        }
    }

    /** The two windows ending with the bucket of {@code latest}: the current one and the one before it. */
    public record Windows(Counts current, Counts previous) {
    }

    private TraceBuckets() {
    }

    public static Instant bucketOf(Instant at) {
        long width = WIDTH.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), width) * width);
    }

    /** How many buckets a window spans (a window that is not a multiple of the width is rounded up). */
    public static int bucketsPer(Duration window) {
        long width = WIDTH.toMillis();
        return (int) ((window.toMillis() + width - 1) / width);
    }

    /** The oldest bucket start either window can include; older buckets can be dropped. */
    public static Instant oldestNeeded(Instant latest, Duration window) {
        return bucketOf(latest).minus(WIDTH.multipliedBy(2L * bucketsPer(window) - 1));
    }

    public static Windows windows(List<Bucket> buckets, Instant latest, Duration window) {
        Instant last = bucketOf(latest);
        Instant currentStart = last.minus(WIDTH.multipliedBy(bucketsPer(window) - 1L));
        Instant previousStart = oldestNeeded(latest, window);
        int traces = 0;
        int failed = 0;
        int previousTraces = 0;
        int previousFailed = 0;
        for (Bucket bucket : buckets) {
            Instant start = bucket.bucketStart();
            if (start.isAfter(last) || start.isBefore(previousStart)) {
                continue;
            }
            if (start.isBefore(currentStart)) {
                previousTraces += bucket.traces();
                previousFailed += bucket.failed();
            } else {
                traces += bucket.traces();
                failed += bucket.failed();
            }
        }
        return new Windows(new Counts(traces, failed), new Counts(previousTraces, previousFailed));
    }
}
