package io.sentinel.detector.llm.db;

import io.sentinel.detector.llm.ScoreStore;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.json.Json;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@link ScoreStore} in {@code llm_score_history}. */
public interface ScoreDao extends ScoreStore {

    record Row(@Json List<Double> scoreValues, boolean active, Double baselineMean) {
    }

    @SqlQuery("""
            select score_values, active, baseline_mean from llm_score_history
            where application = :application and score = :score for update""")
    @RegisterConstructorMapper(Row.class)
    Optional<Row> row(String application, String score);

    @SqlUpdate("""
            insert into llm_score_history (application, score, score_values, active, baseline_mean)
            values (:application, :score, :scoreValues, :active, :baselineMean)
            on conflict (application, score) do update
            set score_values = excluded.score_values, active = excluded.active, baseline_mean = excluded.baseline_mean, updated_at = now()""")
    void upsert(@Bind("application") String application, @Bind("score") String score, @Json @Bind("scoreValues") List<Double> scoreValues,
                @Bind("active") boolean active, @Bind("baselineMean") Double baselineMean);

    @Override
    default Optional<State> find(String application, String score) {
        return row(application, score).map(row -> new State(row.scoreValues(), row.active(), row.baselineMean()));
    }

    @Override
    default void save(String application, String score, State state) {
        upsert(application, score, state.values(), state.active(), state.baselineMean());
    }
}
