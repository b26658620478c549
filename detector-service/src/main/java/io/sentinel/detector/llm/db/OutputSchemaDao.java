package io.sentinel.detector.llm.db;

import io.sentinel.detector.llm.OutputSchema;
import io.sentinel.detector.llm.OutputSchemaStore;
import io.sentinel.detector.llm.RecentOutcomes;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.json.Json;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@link OutputSchemaStore} in {@code llm_output_schema}. */
public interface OutputSchemaDao extends OutputSchemaStore {

    record Row(int learned, @Json Map<String, Set<String>> schemaKeys, String recent, boolean active, String lastViolation) {
    }

    @SqlQuery("""
            select learned, schema_keys, recent, active, last_violation from llm_output_schema
            where application = :application and generation = :generation for update""")
    @RegisterConstructorMapper(Row.class)
    Optional<Row> row(String application, String generation);

    @SqlUpdate("""
            insert into llm_output_schema (application, generation, learned, schema_keys, recent, active, last_violation)
            values (:application, :generation, :learned, :schemaKeys, :recent, :active, :lastViolation)
            on conflict (application, generation) do update
            set learned = excluded.learned, schema_keys = excluded.schema_keys, recent = excluded.recent, active = excluded.active,
                last_violation = excluded.last_violation, updated_at = now()""")
    void upsert(@Bind("application") String application, @Bind("generation") String generation, @Bind("learned") int learned,
                @Json @Bind("schemaKeys") Map<String, Set<String>> schemaKeys, @Bind("recent") String recent, @Bind("active") boolean active,
                @Bind("lastViolation") String lastViolation);

    @Override
    default Optional<State> find(String application, String generation) {
        return row(application, generation).map(row -> new State(new OutputSchema(row.learned(), row.schemaKeys()),
                new RecentOutcomes(row.recent()), row.active(), row.lastViolation()));
    }

    @Override
    default void save(String application, String generation, State state) {
        upsert(application, generation, state.schema().learned(), state.schema().keys(), state.recent().outcomes(), state.active(),
                state.lastViolation());
    }
}
