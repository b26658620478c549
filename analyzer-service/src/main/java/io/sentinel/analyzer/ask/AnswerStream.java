package io.sentinel.analyzer.ask;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ObjIntConsumer;

/**
 * Turns streamed text into answer chunks: a chunk goes out once it holds {@code chunkChars}
 * characters or ends a line, so a reader sees the answer grow without an event per token. The line
 * a model uses to suggest a playbook ({@value #SUGGESTION}) is held back: it is parsed and checked
 * against the catalog, never shown as text. Answers are cut at {@code maxChars}. Not thread-safe:
 * one answer, one caller.
 */
public final class AnswerStream {

    public static final String SUGGESTION = "SUGGEST PLAYBOOK:";

    private final int chunkChars;
    private final int maxChars;
    private final ObjIntConsumer<String> emit;
    private final StringBuilder partialLine = new StringBuilder();
    private final StringBuilder outgoing = new StringBuilder();
    private final StringBuilder shown = new StringBuilder();
    private final List<String> suggestions = new ArrayList<>();
    private boolean cut;
    private int sent;

    /** @param emit receives each chunk with its sequence number, 0, 1, 2 ... */
    public AnswerStream(int chunkChars, int maxChars, ObjIntConsumer<String> emit) {
        this.chunkChars = chunkChars;
        this.maxChars = maxChars;
        this.emit = emit;
    }

    public void accept(String text) {
        partialLine.append(text);
        int newline;
        while ((newline = partialLine.indexOf("\n")) >= 0) {
            line(partialLine.substring(0, newline), true);
            partialLine.delete(0, newline + 1);
        }
        // A long line without a newline goes out in pieces, unless it may be the start of a suggestion.
        if (partialLine.length() >= chunkChars && !mayBeSuggestion(partialLine.toString())) {
            show(partialLine.toString());
            partialLine.setLength(0);
        }
        if (outgoing.length() >= chunkChars) {
            flush();
        }
    }

    /** Sends what is left; returns the whole answer as shown. */
    public String finish() {
        if (!partialLine.isEmpty()) {
            line(partialLine.toString(), false);
            partialLine.setLength(0);
        }
        flush();
        return shown.toString();
    }

    /** The last suggestion line's JSON, as the model wrote it. */
    public Optional<String> suggestion() {
        return suggestions.isEmpty() ? Optional.empty() : Optional.of(suggestions.getLast());
    }

    /** Chunks sent so far. */
    public int chunks() {
        return sent;
    }

    private void line(String line, boolean complete) {
        String trimmed = line.strip();
        if (trimmed.startsWith(SUGGESTION)) {
            suggestions.add(trimmed.substring(SUGGESTION.length()).strip());
            return;
        }
        show(complete ? line + "\n" : line);
    }

    private void show(String text) {
        if (cut) {
            return;
        }
        int room = maxChars - shown.length() - outgoing.length();
        if (text.length() > room) {
            text = text.substring(0, Math.max(0, room)) + "…";
            cut = true;
        }
        outgoing.append(text);
    }

    private void flush() {
        if (!outgoing.isEmpty()) {
            String chunk = outgoing.toString();
            outgoing.setLength(0);
            shown.append(chunk);
            emit.accept(chunk, sent++);
        }
    }

    private static boolean mayBeSuggestion(String partial) {
        String trimmed = partial.stripLeading();
        return trimmed.startsWith(SUGGESTION) || SUGGESTION.startsWith(trimmed);
    }
}
