package io.sentinel.detector.rule;

import io.sentinel.events.signal.SignalEvent;
import java.util.List;

/**
 * A detector rule: looks at signals and says, per fingerprint, whether its condition holds. Adding a
 * rule is adding one bean implementing this (and {@link ScheduledRule} if it must notice absence);
 * the engine offers it every signal.
 */
public interface DetectionRule {

    /** For logs and metrics, e.g. {@code threshold} or {@code novel-error}. */
    String family();

    /** Called inside the signal's transaction; return nothing for signals the rule does not look at. */
    List<Finding> onSignal(SignalEvent signal, DetectionContext context);
}
