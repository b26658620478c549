package io.sentinel.detector.llm;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Each (application, score name)'s latest values and regression state ({@code llm_score_history}). */
public interface ScoreStore {

    JsonMapper STATE_JSON = JsonMapper.builder().build();

    /**
     * @param values       oldest first, at most recent-scores + baseline-scores of them
     * @param baselineMean the baseline an active regression fired against; null while quiet
     */
    record State(List<Double> values, boolean active, Double baselineMean) {

        public static final State NEW = new State(List.of(), false, null);

        public State {
            values = List.copyOf(values);
        }
    }

    record Row(String scoreValues, boolean active, Double baselineMean) {
    }

    @SqlQuery("""
            select score_values::text as score_values, active, baseline_mean from llm_score_history
            where application = :application and score = :score for update""")
    @RegisterConstructorMapper(Row.class)
    Optional<Row> row(String application, String score);

    @SqlUpdate("""
            insert into llm_score_history (application, score, score_values, active, baseline_mean)
            values (:application, :score, cast(:scoreValues as jsonb), :active, :baselineMean)
            on conflict (application, score) do update
            set score_values = excluded.score_values, active = excluded.active, baseline_mean = excluded.baseline_mean, updated_at = now()""")
    void upsert(String application, String score, String scoreValues, boolean active, Double baselineMean);

    default State load(String application, String score) {
        return find(application, score).orElse(State.NEW);
    }

    /** Nothing when the score has no state yet. */
    default Optional<State> find(String application, String score) {
        return row(application, score)
                .map(row -> new State(STATE_JSON.readValue(row.scoreValues(), new TypeReference<List<Double>>() { }), row.active(),
                        row.baselineMean()));
    }

    default void save(String application, String score, State state) {
        upsert(application, score, STATE_JSON.writeValueAsString(state.values()), state.active(), state.baselineMean());
    }
}
