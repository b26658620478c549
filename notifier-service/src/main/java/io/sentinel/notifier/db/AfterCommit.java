package io.sentinel.notifier.db;

import io.sentinel.runtime.consume.EventContext;

/** Work that must follow a consumer's transaction, never precede it (waking the dispatcher for what it queued). */
public final class AfterCommit {

    private AfterCommit() {
    }

    public static void run(EventContext context, Runnable work) {
        context.handle().afterCommit(work);
    }
}
