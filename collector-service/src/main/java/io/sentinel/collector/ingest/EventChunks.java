package io.sentinel.collector.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Splits the items of one resource (log entries, traces) over as few events as fit Kafka: each event
 * carries at most {@link #MAX_EVENT_BYTES} of items, measured as they will be encoded. Kafka refuses
 * records over 1 MiB by default; the rest of the budget is the event's envelope and headers.
 */
public final class EventChunks {

    public static final int MAX_EVENT_BYTES = 512 * 1024;
    /** Keeps one event's items few enough for a consumer to handle in one go. */
    public static final int MAX_ITEMS_PER_EVENT = 1000;

    private EventChunks() {
    }

    /**
     * @param encodedSize the item's size as JSON
     * @param describe    names an item in the error when one alone is too large, e.g. "trace 'abc'"
     * @throws PayloadTooLarge when a single item exceeds {@link #MAX_EVENT_BYTES}
     */
    public static <T> List<List<T>> split(List<T> items, ToIntFunction<T> encodedSize, Function<T, String> describe) {
        List<List<T>> chunks = new ArrayList<>();
        List<T> chunk = new ArrayList<>();
        long bytes = 0;
        for (T item : items) {
            int size = encodedSize.applyAsInt(item);
            if (size > MAX_EVENT_BYTES) {
                throw new PayloadTooLarge(describe.apply(item) + " is " + size + " bytes as an event; at most " + MAX_EVENT_BYTES
                        + " fit one: send less of it");
            }
            if (!chunk.isEmpty() && (bytes + size > MAX_EVENT_BYTES || chunk.size() >= MAX_ITEMS_PER_EVENT)) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
                bytes = 0;
            }
            chunk.add(item);
            bytes += size;
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        return chunks;
    }
}
