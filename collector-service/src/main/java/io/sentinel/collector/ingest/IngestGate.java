package io.sentinel.collector.ingest;

import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * At most so many ingest requests at once; one more is turned away at once rather than queued, so
 * that a burst costs neither memory nor threads, and the client retries later. Thread-safe.
 */
public final class IngestGate {

    private final Semaphore permits;
    private final int capacity;

    public IngestGate(int capacity) {
        this.permits = new Semaphore(capacity);
        this.capacity = capacity;
    }

    /** A permit to be closed when the request is done, or none when {@link #capacity()} are in flight. */
    public Optional<Permit> tryEnter() {
        return permits.tryAcquire() ? Optional.of(new Permit(permits)) : Optional.empty();
    }

    public int capacity() {
        return capacity;
    }

    public int inFlight() {
        return capacity - permits.availablePermits();
    }

    /** Releases its place once, however often it is closed. */
    public static final class Permit implements AutoCloseable {

        private final Semaphore permits;
        private boolean released;

        private Permit(Semaphore permits) {
            this.permits = permits;
        }

        @Override
        public synchronized void close() {
            if (!released) {
                released = true;
                permits.release();
            }
        }
    }
}
