package io.sentinel.detector.llm;

import java.time.Instant;
import java.util.Optional;

/** Agent runs in progress ({@code llm_agent_trace}), one per (application, trace id), expired by age and capped per application. */
public interface AgentTraceStore {

    /** Locks the run until the unit of work ends. */
    Optional<AgentTrace> find(String application, String traceId);

    void save(String application, String traceId, AgentTrace trace);

    /** Forgets runs that began before {@code before}: older steps no longer count towards a loop. */
    int expire(Instant before);

    /** Keeps the application's {@code max} most recently begun runs. */
    int forgetBeyond(String application, int max);
}
