package io.sentinel.gateway.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Counts refused API keys per client address and blocks an address that presents too many (see
 * {@link AuthFailureProperties}). Keys are random and long, so the point is not to stop guessing
 * (it is hopeless) but to keep a misbehaving or hostile client from costing the gateway and its
 * database a lookup per attempt. Memory is bounded: at most {@code maxTrackedClients} addresses,
 * the least recently seen forgotten first. A success does not reset the count, so holding one
 * valid key buys no extra attempts at others. Thread-safe; no I/O.
 */
@Component
public final class AuthFailureLimiter {

    private final AuthFailureProperties properties;
    private final Clock clock;
    private final Map<ClientAddress, Failures> clients;

    public AuthFailureLimiter(AuthFailureProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.clients = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ClientAddress, Failures> eldest) {
                return size() > properties.maxTrackedClients();
            }
        };
    }

    /** How much longer the client stays blocked; empty if it may try. */
    public synchronized Optional<Duration> blockedFor(ClientAddress client) {
        Failures failures = clients.get(client);
        if (failures == null || failures.blockedUntil() == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (now.isBefore(failures.blockedUntil())) {
            return Optional.of(Duration.between(now, failures.blockedUntil()));
        }
        clients.remove(client);
        return Optional.empty();
    }

    /** Counts one refused key; true if this failure is the one that blocks the client. */
    public synchronized boolean recordFailure(ClientAddress client) {
        Instant now = clock.instant();
        Failures previous = clients.get(client);
        Failures next = previous == null || previous.over(now, properties.window())
                ? new Failures(now, 1, null)
                : new Failures(previous.since(), previous.count() + 1, previous.blockedUntil());
        if (next.blockedUntil() == null && next.count() >= properties.maxFailures()) {
            next = new Failures(next.since(), next.count(), now.plus(properties.coolDown()));
            clients.put(client, next);
            return true;
        }
        clients.put(client, next);
        return false;
    }

    /** Addresses currently remembered, for tests and metrics. */
    public synchronized int trackedClients() {
        return clients.size();
    }

    /** @param since the first failure of the current window; @param blockedUntil null while not blocked */
    private record Failures(Instant since, int count, Instant blockedUntil) {

        /** Whether this record no longer counts: its window passed without a block, or its block ended. */
        boolean over(Instant now, Duration window) {
            return blockedUntil == null ? !now.isBefore(since.plus(window)) : !now.isBefore(blockedUntil);
        }
    }
}
