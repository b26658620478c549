package io.sentinel.collector.ingest;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * A token bucket per ingest token, so that one client flooding the collector is slowed down alone:
 * every other token keeps its own budget. The buckets are made once, from the configuration (one
 * per configured token, one for {@value IngestTokens#ENVIRONMENT_VARIABLE}); a request is rate
 * limited only after its token was authenticated, so nobody can make the collector create a bucket,
 * and their number is the number of configured tokens. Thread-safe.
 */
public final class IngestRateLimits {

    private final Map<String, Bucket> buckets;

    private IngestRateLimits(Map<String, Bucket> buckets) {
        this.buckets = Map.copyOf(buckets);
    }

    /**
     * @param defaults  {@code sentinel.collector.ingest.rate-limit}, complete
     * @param configured the configured tokens, whose own {@code rate-limit} overrides the defaults
     * @param nanoTime  the clock the buckets refill by ({@link System#nanoTime} but in tests)
     */
    public static IngestRateLimits of(IngestRateLimit defaults, List<IngestToken> configured, LongSupplier nanoTime) {
        Map<String, Bucket> buckets = new HashMap<>();
        for (IngestToken token : configured) {
            IngestRateLimit limit = token.rateLimit() == null ? defaults : token.rateLimit().orElse(defaults);
            buckets.put(token.name(), new Bucket(limit, nanoTime));
        }
        buckets.put(IngestTokens.ENVIRONMENT_TOKEN_NAME, new Bucket(defaults, nanoTime));
        return new IngestRateLimits(buckets);
    }

    /**
     * Takes one request from the token's bucket.
     *
     * @param tokenName the name of an authenticated token
     * @return nothing when the request may go ahead, else how long until the token may send the next one
     */
    public Optional<Duration> tryAcquire(String tokenName) {
        Bucket bucket = buckets.get(tokenName);
        if (bucket == null) {
            // Only authenticated tokens get here, and every one of them has a bucket: refuse rather than make one.
            return Optional.of(Duration.ofSeconds(1));
        }
        return bucket.tryAcquire();
    }

    /** The names of the tokens that have a bucket: the configured ones and the environment's. */
    public Set<String> tokenNames() {
        return buckets.keySet();
    }

    /** The limit that applies to a token, for messages. */
    public Optional<IngestRateLimit> limitOf(String tokenName) {
        return Optional.ofNullable(buckets.get(tokenName)).map(bucket -> bucket.limit);
    }

    /** "20 requests/s, bursts of 40". */
    public static String describe(IngestRateLimit limit) {
        double rate = limit.requestsPerSecond();
        String perSecond = rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
        return "at most " + perSecond + " requests/s, bursts of " + limit.burst();
    }

    private static final class Bucket {

        private final IngestRateLimit limit;
        private final LongSupplier nanoTime;
        private final double capacity;
        private final double perNano;
        private double available;
        private long refilledAt;

        Bucket(IngestRateLimit limit, LongSupplier nanoTime) {
            this.limit = limit;
            this.nanoTime = nanoTime;
            this.capacity = limit.burst();
            this.perNano = limit.requestsPerSecond() / 1e9;
            this.available = capacity;
            this.refilledAt = nanoTime.getAsLong();
        }

        synchronized Optional<Duration> tryAcquire() {
            long now = nanoTime.getAsLong();
            available = Math.min(capacity, available + (now - refilledAt) * perNano);
            refilledAt = now;
            if (available >= 1) {
                available -= 1;
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos((long) Math.ceil((1 - available) / perNano)));
        }
    }
}
