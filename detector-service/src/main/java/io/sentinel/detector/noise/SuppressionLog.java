package io.sentinel.detector.noise;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says that a condition was suppressed once per fingerprint and reason every {@link #REPEAT_AFTER},
 * not at every evaluation: a silenced series scraped every 15 s would otherwise write a line a
 * quarter minute for the whole silence. The counter still counts every suppression. Remembers a
 * bounded number of fingerprints; one it forgot is simply logged again.
 */
final class SuppressionLog {

    static final Duration REPEAT_AFTER = Duration.ofMinutes(10);
    private static final int REMEMBERED = 10_000;
    private static final Logger log = LoggerFactory.getLogger(NoiseControl.class);

    private final Map<String, Instant> lastLogged = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > REMEMBERED;
        }
    };

    void suppressed(String fingerprint, String reason, String detail, Instant at) {
        if (shouldLog(fingerprint + '|' + detail, at)) {
            log.info("incident suppressed reason={} fingerprint={} detail=\"{}\" (said again after {} if it persists)", reason, fingerprint,
                    detail, REPEAT_AFTER);
        } else {
            log.debug("incident suppressed reason={} fingerprint={} detail=\"{}\"", reason, fingerprint, detail);
        }
    }

    synchronized boolean shouldLog(String key, Instant at) {
        Instant last = lastLogged.get(key);
        if (last != null && at.isBefore(last.plus(REPEAT_AFTER))) {
            return false;
        }
        lastLogged.put(key, at);
        return true;
    }
}
