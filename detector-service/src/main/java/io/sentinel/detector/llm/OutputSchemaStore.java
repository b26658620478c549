package io.sentinel.detector.llm;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Each (application, generation)'s learned output schema and latest outcomes ({@code llm_output_schema}). */
public interface OutputSchemaStore {

    JsonMapper STATE_JSON = JsonMapper.builder().build();

    /** @param active the drift condition fired and has not cleared */
    record State(OutputSchema schema, RecentOutcomes recent, boolean active, String lastViolation) {

        public static final State NEW = new State(OutputSchema.NONE, RecentOutcomes.NONE, false, null);
    }

    record Row(int learned, String schemaKeys, String recent, boolean active, String lastViolation) {
    }

    @SqlQuery("""
            select learned, schema_keys::text as schema_keys, recent, active, last_violation from llm_output_schema
            where application = :application and generation = :generation for update""")
    @RegisterConstructorMapper(Row.class)
    Optional<Row> row(String application, String generation);

    @SqlUpdate("""
            insert into llm_output_schema (application, generation, learned, schema_keys, recent, active, last_violation)
            values (:application, :generation, :learned, cast(:schemaKeys as jsonb), :recent, :active, :lastViolation)
            on conflict (application, generation) do update
            set learned = excluded.learned, schema_keys = excluded.schema_keys, recent = excluded.recent, active = excluded.active,
                last_violation = excluded.last_violation, updated_at = now()""")
    void upsert(String application, String generation, int learned, String schemaKeys, String recent, boolean active,
                String lastViolation);

    default State load(String application, String generation) {
        return find(application, generation).orElse(State.NEW);
    }

    /** Nothing when the generation has no state yet. */
    default Optional<State> find(String application, String generation) {
        return row(application, generation).map(row -> {
            Map<String, Set<String>> keys = STATE_JSON.readValue(row.schemaKeys(), new TypeReference<Map<String, Set<String>>>() { });
            return new State(new OutputSchema(row.learned(), keys), new RecentOutcomes(row.recent()), row.active(), row.lastViolation());
        });
    }

    default void save(String application, String generation, State state) {
        upsert(application, generation, state.schema().learned(), STATE_JSON.writeValueAsString(state.schema().keys()),
                state.recent().outcomes(), state.active(), state.lastViolation());
    }
}
