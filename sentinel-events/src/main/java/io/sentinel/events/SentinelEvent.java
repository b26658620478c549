package io.sentinel.events;

/**
 * Every record published on a Sentinel topic. Each topic carries one sealed family of these
 * (see {@link Topic}); the root stays open because Java only allows a sealed hierarchy to span
 * packages inside a named module, and the families live in one package each.
 */
public interface SentinelEvent {

    /** The Kafka record key: all events sharing a key stay ordered on one partition. */
    String key();
}
