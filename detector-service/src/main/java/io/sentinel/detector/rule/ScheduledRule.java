package io.sentinel.detector.rule;

import java.util.List;

/** A rule that must notice what did not happen (a missed heartbeat, a metric that stopped arriving). */
public interface ScheduledRule {

    String family();

    /** Called every tick, in a transaction of its own; {@code context.now()} is the tick's time. */
    List<Finding> onTick(DetectionContext context);
}
