package io.sentinel.detector.llm;

import java.util.List;

/** Why a tool call that reported success did not really succeed. */
public sealed interface SilentFailure {

    /** For incident details: what was wrong, in words. */
    String describe();

    /** Nothing came back: no output, {@code ""}, {@code []}, {@code {}} or {@code null}. */
    record EmptyOutput(String output) implements SilentFailure {

        @Override
        public String describe() {
            return output == null ? "no output" : output.isBlank() ? "an empty string" : "empty output " + output.strip();
        }
    }

    /** The result reads as an error ("permission denied", a traceback) although the call succeeded. */
    record ErrorText(String phrase, String excerpt) implements SilentFailure {

        @Override
        public String describe() {
            return "error text '" + phrase + "' in a successful result: " + excerpt;
        }
    }

    /** The result says it failed in a field ({@code "success": false}, {@code "error": "..."}). */
    record FailureField(String field, String value) implements SilentFailure {

        @Override
        public String describe() {
            return "the result reports failure: \"" + field + "\": " + value;
        }
    }

    /** The result lacks top-level keys the tool's configured schema requires. */
    record MissingKeys(List<String> keys) implements SilentFailure {

        public MissingKeys {
            keys = List.copyOf(keys);
        }

        @Override
        public String describe() {
            return "missing expected keys " + keys;
        }
    }
}
