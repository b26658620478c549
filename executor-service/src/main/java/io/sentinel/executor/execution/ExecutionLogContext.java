package io.sentinel.executor.execution;

import io.sentinel.events.TraceParent;
import org.slf4j.MDC;

/**
 * Puts an execution's incident and trace into the logging context of the thread working on it, as
 * the consumers do for the events they handle, so that its log lines can be followed per incident.
 */
public final class ExecutionLogContext {

    private ExecutionLogContext() {
    }

    public static void enter(Execution execution) {
        MDC.put("incidentId", execution.incidentId());
        TraceParent.parse(execution.traceParent()).ifPresent(trace -> MDC.put("traceId", trace.traceId()));
    }

    public static void leave() {
        MDC.remove("incidentId");
        MDC.remove("traceId");
    }
}
