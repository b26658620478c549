package io.sentinel.executor.db;

import io.sentinel.runtime.consume.EventContext;

/**
 * Work that must follow a consumer's transaction, never precede it: starting a run on another thread
 * (which must find the committed row), counting an outcome. Dropped if the transaction rolls back.
 */
public final class AfterCommit {

    private AfterCommit() {
    }

    public static void run(EventContext context, Runnable work) {
        context.handle().afterCommit(work);
    }
}
