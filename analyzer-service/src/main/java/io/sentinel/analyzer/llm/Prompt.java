package io.sentinel.analyzer.llm;

import java.util.List;

/**
 * What is sent to the model: system instructions, then the conversation, whose last turn is the
 * user's. Every text is redacted by {@link LanguageModel} before it leaves the process.
 *
 * @param json whether the answer must be one JSON object (JSON mode where the endpoint supports it)
 */
public record Prompt(String system, List<Turn> turns, boolean json) {

    public Prompt {
        turns = List.copyOf(turns);
        if (turns.isEmpty() || turns.getLast().role() != Role.USER) {
            throw new IllegalArgumentException("a prompt ends with the user's turn");
        }
    }

    public static Prompt of(String system, String user, boolean json) {
        return new Prompt(system, List.of(Turn.user(user)), json);
    }

    /** This prompt, the model's answer to it, and a further user turn: a follow-up in the same conversation. */
    public Prompt followedBy(String answer, String user) {
        List<Turn> all = new java.util.ArrayList<>(turns);
        all.add(Turn.assistant(answer));
        all.add(Turn.user(user));
        return new Prompt(system, all, json);
    }

    public enum Role {
        USER, ASSISTANT
    }

    public record Turn(Role role, String text) {

        public static Turn user(String text) {
            return new Turn(Role.USER, text);
        }

        public static Turn assistant(String text) {
            return new Turn(Role.ASSISTANT, text);
        }
    }
}
