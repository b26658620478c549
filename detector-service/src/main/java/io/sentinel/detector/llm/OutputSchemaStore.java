package io.sentinel.detector.llm;

import java.util.Optional;

/** Each (application, generation)'s learned output schema and latest outcomes ({@code llm_output_schema}). */
public interface OutputSchemaStore {

    /** @param active the drift condition fired and has not cleared */
    record State(OutputSchema schema, RecentOutcomes recent, boolean active, String lastViolation) {

        public static final State NEW = new State(OutputSchema.NONE, RecentOutcomes.NONE, false, null);
    }

    /** Nothing when the generation has no state yet; locked until the unit of work ends. */
    Optional<State> find(String application, String generation);

    default State load(String application, String generation) {
        return find(application, generation).orElse(State.NEW);
    }

    void save(String application, String generation, State state);
}
