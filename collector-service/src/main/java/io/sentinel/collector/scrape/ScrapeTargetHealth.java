package io.sentinel.collector.scrape;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The health of every configured target, as the latest attempts left it. Safe for concurrent rounds and readers. */
public final class ScrapeTargetHealth {

    private final List<String> names;
    private final Map<String, TargetHealth> byName = new ConcurrentHashMap<>();

    public ScrapeTargetHealth(List<ScrapeTarget> targets) {
        this.names = targets.stream().map(ScrapeTarget::name).toList();
        targets.forEach(target -> byName.put(target.name(), TargetHealth.pending(target)));
    }

    /**
     * Takes over what an earlier run knew, so a restart neither resets failure counts nor announces
     * an outage again that was announced before it. A target whose URL changed starts afresh.
     */
    public synchronized void restore(List<TargetHealth> stored) {
        for (TargetHealth previous : stored) {
            byName.computeIfPresent(previous.name(), (name, current) ->
                    current.status() == TargetHealth.Status.PENDING && current.url().equals(previous.url()) ? previous : current);
        }
    }

    /** Writers are one per target per round; readers (the health endpoint) never wait for them. */
    public synchronized Change record(ScrapeTarget target, ScrapeOutcome outcome) {
        TargetHealth before = byName.getOrDefault(target.name(), TargetHealth.pending(target));
        TargetHealth after = before.after(outcome);
        byName.put(target.name(), after);
        return new Change(before, after);
    }

    /** In configuration order. */
    public List<TargetHealth> all() {
        return names.stream().map(byName::get).toList();
    }

    public record Change(TargetHealth before, TargetHealth after) {

        public boolean statusChanged() {
            return before.status() != after.status();
        }
    }
}
