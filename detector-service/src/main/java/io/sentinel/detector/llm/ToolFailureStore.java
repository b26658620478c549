package io.sentinel.detector.llm;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * When each (application, tool) last failed silently ({@code llm_tool_failure}): the latest
 * {@link LlmProperties.SilentToolFailure#MAX_REMEMBERED} times, oldest first.
 */
public interface ToolFailureStore {

    JsonMapper STATE_JSON = JsonMapper.builder().build();

    @SqlQuery("select failures::text from llm_tool_failure where application = :application and tool = :tool for update")
    Optional<String> failuresJson(String application, String tool);

    @SqlUpdate("""
            insert into llm_tool_failure (application, tool, failures, last_failure)
            values (:application, :tool, cast(:failures as jsonb), :lastFailure)
            on conflict (application, tool) do update set failures = excluded.failures, last_failure = excluded.last_failure, updated_at = now()""")
    void upsert(String application, String tool, String failures, String lastFailure);

    default List<Instant> failures(String application, String tool) {
        return find(application, tool).orElse(List.of());
    }

    /** Nothing when the tool has no silent failure stored. */
    default Optional<List<Instant>> find(String application, String tool) {
        return failuresJson(application, tool).map(json -> STATE_JSON.readValue(json, new TypeReference<List<Instant>>() { }));
    }

    default void save(String application, String tool, List<Instant> failures, String lastFailure) {
        upsert(application, tool, STATE_JSON.writeValueAsString(failures), lastFailure);
    }
}
