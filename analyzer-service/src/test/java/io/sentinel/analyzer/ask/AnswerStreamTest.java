package io.sentinel.analyzer.ask;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.events.analysis.ProposedAction;
import io.sentinel.playbooks.PlaybookCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnswerStreamTest {

    private static final PlaybookCatalog CATALOG = PlaybookCatalog.load("classpath:playbooks/");

    @Test
    void sendsChunksAtLineEndsOnceTheyAreLongEnoughNumberedInOrder() {
        List<String> chunks = new ArrayList<>();
        List<Integer> sequence = new ArrayList<>();
        AnswerStream stream = new AnswerStream(10, 1_000, (text, index) -> {
            chunks.add(text);
            sequence.add(index);
        });

        for (String token : List.of("The ", "shop ", "leaks", ".\nIt ", "started at 11:50.\n", "Release it.")) {
            stream.accept(token);
        }
        String answer = stream.finish();

        assertThat(answer).isEqualTo("The shop leaks.\nIt started at 11:50.\nRelease it.");
        assertThat(String.join("", chunks)).isEqualTo(answer);
        assertThat(chunks).hasSizeGreaterThan(1);
        assertThat(sequence).containsExactly(java.util.stream.IntStream.range(0, chunks.size()).boxed().toArray(Integer[]::new));
        assertThat(stream.chunks()).isEqualTo(chunks.size());
    }

    @Test
    void holdsBackTheSuggestionLineEvenWhenItArrivesInPieces() {
        List<String> chunks = new ArrayList<>();
        AnswerStream stream = new AnswerStream(5, 1_000, (text, index) -> chunks.add(text));

        for (String token : List.of("Memory leaks.\n", "SUGG", "EST PLAYBOOK: {\"playbookId\": ", "\"release-memory\", \"parameters\": {}}")) {
            stream.accept(token);
        }
        stream.finish();

        assertThat(String.join("", chunks)).isEqualTo("Memory leaks.\n").doesNotContain("SUGGEST");
        assertThat(stream.suggestion()).contains("{\"playbookId\": \"release-memory\", \"parameters\": {}}");
    }

    @Test
    void cutsAnAnswerAtTheLimit() {
        List<String> chunks = new ArrayList<>();
        AnswerStream stream = new AnswerStream(1, 20, (text, index) -> chunks.add(text));

        stream.accept("x".repeat(50));

        assertThat(stream.finish()).hasSize(21).endsWith("…");
    }

    @Test
    void takesOnlyASuggestionTheCatalogAllows() {
        assertThat(Suggestion.of("{\"playbookId\": \"release-memory\", \"parameters\": {\"reason\": \"asked\"}}", CATALOG))
                .contains(new ProposedAction("release-memory", Map.of("reason", "asked")));
        assertThat(Suggestion.of("{\"playbookId\": \"delete-namespace\"}", CATALOG)).isEmpty();
        assertThat(Suggestion.of("{\"playbookId\": \"release-memory\", \"parameters\": {\"reason\": \"a b; rm -rf\"}}", CATALOG)).isEmpty();
        assertThat(Suggestion.of("{\"playbookId\": \"release-memory\", \"parameters\": {\"shell\": \"x\"}}", CATALOG)).isEmpty();
        assertThat(Suggestion.of("not json", CATALOG)).isEqualTo(Optional.empty());
        assertThat(Suggestion.of("{\"playbookId\": \"release-memory\", \"parameters\": {\"reason\": 5}}", CATALOG)).isEmpty();
    }
}
