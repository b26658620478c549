package io.sentinel.gateway.ask;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.events.analysis.Analyst;
import io.sentinel.events.answer.AnswerChunk;
import io.sentinel.events.answer.AnswerCompleted;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerStreamTest {

    private final AnswerStream stream = new AnswerStream(3);

    @Test
    void passesChunksOnInOrderThenTheCompletion() {
        assertThat(stream.accept(chunk(0, "The pool ")).texts()).containsExactly("The pool ");
        assertThat(stream.accept(chunk(1, "ran dry.")).texts()).containsExactly("ran dry.");
        AnswerStream.Delivery last = stream.accept(completed(2));
        assertThat(last.texts()).isEmpty();
        assertThat(last.done().chunks()).isEqualTo(2);
        assertThat(last.over()).isTrue();
    }

    @Test
    void holdsAnEarlyChunkUntilTheOneBeforeItArrives() {
        assertThat(stream.accept(chunk(1, "b")).texts()).isEmpty();
        assertThat(stream.accept(chunk(2, "c")).texts()).isEmpty();
        assertThat(stream.accept(chunk(0, "a")).texts()).containsExactly("a", "b", "c");
        assertThat(stream.delivered()).isEqualTo(3);
    }

    @Test
    void aRedeliveredChunkIsPassedOnOnce() {
        stream.accept(chunk(0, "a"));
        assertThat(stream.accept(chunk(0, "a")).texts()).isEmpty();
        stream.accept(chunk(2, "c"));
        assertThat(stream.accept(chunk(2, "c")).texts()).as("an early one, twice").isEmpty();
        assertThat(stream.accept(chunk(1, "b")).texts()).containsExactly("b", "c");
    }

    @Test
    void aCompletionThatOvertookItsChunksWaitsForThem() {
        AnswerStream.Delivery early = stream.accept(completed(2));
        assertThat(early.over()).isFalse();
        assertThat(stream.announced()).isEqualTo(2);
        assertThat(stream.accept(chunk(0, "a")).over()).isFalse();
        AnswerStream.Delivery last = stream.accept(chunk(1, "b"));
        assertThat(last.texts()).containsExactly("b");
        assertThat(last.done()).isNotNull();
    }

    @Test
    void nothingAfterTheEndAndASecondCompletionIsIgnored() {
        stream.accept(completed(0));
        assertThat(stream.accept(chunk(0, "late"))).isEqualTo(AnswerStream.Delivery.NOTHING);
        assertThat(stream.accept(completed(0))).isEqualTo(AnswerStream.Delivery.NOTHING);
    }

    @Test
    void failsRatherThanHoldingChunksWithoutBound() {
        for (int sequence = 1; sequence <= 3; sequence++) {
            assertThat(stream.accept(chunk(sequence, "x")).over()).isFalse();
        }
        AnswerStream.Delivery failed = stream.accept(chunk(4, "x"));
        assertThat(failed.failure()).isEqualTo("the answer arrived too far out of order: part 0 is missing while 3 later parts wait");
        assertThat(stream.accept(chunk(0, "a"))).isEqualTo(AnswerStream.Delivery.NOTHING);
    }

    private static AnswerChunk chunk(int sequence, String text) {
        return new AnswerChunk("conv-1", "q-1", sequence, text);
    }

    private static AnswerCompleted completed(int chunks) {
        return new AnswerCompleted("conv-1", "q-1", chunks, Analyst.HEURISTIC, null, "no LLM configured", List.of("inc-1"), null, null,
                Instant.EPOCH);
    }
}
