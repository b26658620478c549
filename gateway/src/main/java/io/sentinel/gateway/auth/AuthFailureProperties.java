package io.sentinel.gateway.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gateway answers a client that keeps presenting keys that are not keys: after
 * {@code maxFailures} refused keys within {@code window} from one client address, every request
 * from that address is answered 429 for {@code coolDown}, without looking at its key.
 *
 * @param maxFailures       refused keys within the window that block the address
 * @param window            how far back failures count; an address whose first counted failure is
 *                          older starts counting afresh
 * @param coolDown          how long a blocked address stays blocked
 * @param maxTrackedClients addresses remembered at most; beyond that the least recently seen are
 *                          forgotten first, so a flood from many addresses cannot exhaust memory
 */
@ConfigurationProperties(AuthFailureProperties.PREFIX)
public record AuthFailureProperties(@DefaultValue("10") int maxFailures, @DefaultValue("1m") Duration window,
                                    @DefaultValue("5m") Duration coolDown, @DefaultValue("10000") int maxTrackedClients) {

    static final String PREFIX = "sentinel.gateway.auth.failures";

    public AuthFailureProperties {
        if (maxFailures < 1) {
            throw new IllegalArgumentException(PREFIX + ".max-failures must be at least 1, was " + maxFailures);
        }
        requirePositive(window, "window");
        requirePositive(coolDown, "cool-down");
        if (maxTrackedClients < 1) {
            throw new IllegalArgumentException(PREFIX + ".max-tracked-clients must be at least 1, was " + maxTrackedClients);
        }
    }

    private static void requirePositive(Duration duration, String property) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(PREFIX + "." + property + " must be a positive duration, e.g. 1m, was " + duration);
        }
    }
}
