package io.sentinel.detector.llm.db;

import io.sentinel.detector.llm.ToolFailureStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.json.Json;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@link ToolFailureStore} in {@code llm_tool_failure}. */
public interface ToolFailureDao extends ToolFailureStore {

    record Row(@Json List<Instant> failures) {
    }

    @SqlQuery("select failures from llm_tool_failure where application = :application and tool = :tool for update")
    @RegisterConstructorMapper(Row.class)
    Optional<Row> row(String application, String tool);

    @SqlUpdate("""
            insert into llm_tool_failure (application, tool, failures, last_failure)
            values (:application, :tool, :failures, :lastFailure)
            on conflict (application, tool) do update set failures = excluded.failures, last_failure = excluded.last_failure, updated_at = now()""")
    void upsert(@Bind("application") String application, @Bind("tool") String tool, @Json @Bind("failures") List<Instant> failures,
                @Bind("lastFailure") String lastFailure);

    @Override
    default Optional<List<Instant>> find(String application, String tool) {
        return row(application, tool).map(Row::failures);
    }

    @Override
    default void save(String application, String tool, List<Instant> failures, String lastFailure) {
        upsert(application, tool, failures, lastFailure);
    }
}
