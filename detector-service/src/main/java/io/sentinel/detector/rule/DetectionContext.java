package io.sentinel.detector.rule;

import io.sentinel.events.TraceParent;
import io.sentinel.events.incident.IncidentEvent;
import java.time.Instant;

/**
 * The unit of work a rule and the incident manager act in: the rules' state, the incidents and the
 * events they publish commit together. Either a consumed event (signals, executions) or a clock tick
 * (rules that notice that something did NOT happen). Plain Java: the state is reached through the
 * rule families' store interfaces, which the service's database shell implements.
 */
public interface DetectionContext {

    /** The id of what caused the findings: the consumed event, or the tick. */
    String causationId();

    /** The detector's clock when it handles the event (or the tick's time); rules judging samples use the samples' own time. */
    Instant now();

    /** The family's state, e.g. {@code store(HeartbeatStore.class)}, inside this unit of work. */
    <S> S store(Class<S> port);

    void publish(IncidentEvent event, TraceParent trace);
}
