package io.sentinel.detector.llm;

import io.sentinel.events.settings.detector.LlmSetting;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When each (application, tool) last failed silently ({@code llm_tool_failure}): the latest
 * {@link LlmSetting.SilentToolFailure#MAX_REMEMBERED} times, oldest first.
 */
public interface ToolFailureStore {

    /** Nothing when the tool has no silent failure stored; locked until the unit of work ends. */
    Optional<List<Instant>> find(String application, String tool);

    default List<Instant> failures(String application, String tool) {
        return find(application, tool).orElse(List.of());
    }

    void save(String application, String tool, List<Instant> failures, String lastFailure);
}
