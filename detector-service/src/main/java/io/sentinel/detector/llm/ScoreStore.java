package io.sentinel.detector.llm;

import java.util.List;
import java.util.Optional;

/** Each (application, score name)'s latest values and regression state ({@code llm_score_history}). */
public interface ScoreStore {

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

    /** Nothing when the score has no state yet; locked until the unit of work ends. */
    Optional<State> find(String application, String score);

    default State load(String application, String score) {
        return find(application, score).orElse(State.NEW);
    }

    void save(String application, String score, State state);
}
