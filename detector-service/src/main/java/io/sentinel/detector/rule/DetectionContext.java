package io.sentinel.detector.rule;

import io.sentinel.events.TraceParent;
import io.sentinel.events.incident.IncidentEvent;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * The transaction a rule and the incident manager work in: the rules' state, the incidents and the
 * events they publish commit together. Either a consumed event (signals, executions) or a clock tick
 * (rules that notice that something did NOT happen).
 */
public interface DetectionContext {

    Handle handle();

    default <T> T attach(Class<T> sqlObjectType) {
        return handle().attach(sqlObjectType);
    }

    /** The id of what caused the findings: the consumed event, or the tick. */
    String causationId();

    /** Wall-clock time; rules judging samples use the samples' own time instead. */
    Instant now();

    void publish(IncidentEvent event, TraceParent trace);
}
