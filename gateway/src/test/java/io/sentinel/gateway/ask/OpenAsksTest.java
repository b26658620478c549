package io.sentinel.gateway.ask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sentinel.events.analysis.Analyst;
import io.sentinel.events.answer.AnswerChunk;
import io.sentinel.events.answer.AnswerCompleted;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Routing answers to the right asker, on the asker's own thread, within bounds of count, time and pace. */
class OpenAsksTest {

    private final OpenAsks asks = new OpenAsks(new AskProperties(Duration.ofMillis(300), 2));

    @AfterEach
    void close() {
        asks.destroy();
    }

    @Test
    void passesEachAnswerToItsOwnAskerOnly() {
        Recorder alice = new Recorder();
        Recorder bob = new Recorder();
        asks.open("q-alice", alice).orElseThrow();
        asks.open("q-bob", bob).orElseThrow();

        asks.deliver(new AnswerChunk("c", "q-bob", 0, "for bob"));
        asks.deliver(new AnswerChunk("c", "q-alice", 0, "for alice"));
        asks.deliver(new AnswerChunk("c", "q-elsewhere", 0, "asked at another instance"));
        asks.deliver(completed("q-alice", 1));
        asks.deliver(completed("q-bob", 1));

        await().atMost(Duration.ofSeconds(5)).until(() -> alice.events.size() == 2 && bob.events.size() == 2);
        assertThat(alice.events).containsExactly("chunk:for alice", "done:q-alice");
        assertThat(bob.events).containsExactly("chunk:for bob", "done:q-bob");
        await().atMost(Duration.ofSeconds(5)).until(() -> asks.open() == 0);
    }

    @Test
    void takesNoMoreThanMaxOpenQuestionsAtOnce() {
        assertThat(asks.open("q-1", new Recorder())).isPresent();
        assertThat(asks.open("q-2", new Recorder())).isPresent();
        assertThat(asks.open("q-3", new Recorder())).as("a third, with max-open 2").isEmpty();
        asks.deliver(completed("q-1", 0));
        await().atMost(Duration.ofSeconds(5)).until(() -> asks.open() == 1);
        assertThat(asks.open("q-3", new Recorder())).as("once one is answered").isPresent();
    }

    @Test
    void endsAnUnansweredQuestionWithAnErrorAtTheDeadline() {
        Recorder asker = new Recorder();
        asks.open("q-1", asker).orElseThrow();
        await().atMost(Duration.ofSeconds(5)).until(() -> asker.events.size() == 1);
        assertThat(asker.events).containsExactly("failed:No answer within 300ms: Sentinel's analyzer may be down or busy. Ask again shortly.");
        assertThat(asks.open()).isZero();
    }

    @Test
    void saysHowFarAnIncompleteAnswerGotAtTheDeadline() {
        Recorder asker = new Recorder();
        asks.open("q-1", asker).orElseThrow();
        asks.deliver(new AnswerChunk("c", "q-1", 0, "part one"));
        asks.deliver(completed("q-1", 2));
        await().atMost(Duration.ofSeconds(5)).until(() -> asker.events.size() == 2);
        assertThat(asker.events).containsExactly("chunk:part one", "failed:The answer is incomplete: 1 of 2 parts arrived within 300ms. Ask again.");
    }

    @Test
    void aSlowAskerHoldsUpNobodyElse() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Recorder stuck = new Recorder() {
            @Override
            public void chunk(String text) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        Recorder other = new Recorder();
        asks.open("q-stuck", stuck).orElseThrow();
        asks.open("q-other", other).orElseThrow();

        asks.deliver(new AnswerChunk("c", "q-stuck", 0, "never read"));
        asks.deliver(new AnswerChunk("c", "q-other", 0, "read at once"));
        asks.deliver(completed("q-other", 1));

        await().atMost(Duration.ofSeconds(5)).until(() -> other.events.size() == 2);
        assertThat(other.events).containsExactly("chunk:read at once", "done:q-other");
        release.countDown();
    }

    @Test
    void anAskerWhoFallsTooFarBehindIsCutOff() {
        CountDownLatch never = new CountDownLatch(1);
        Recorder stuck = new Recorder() {
            @Override
            public void chunk(String text) throws IOException {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    throw new IOException("cut off");
                }
            }
        };
        asks.open("q-stuck", stuck).orElseThrow();
        for (int sequence = 0; sequence <= OpenAsks.MAX_PENDING + 1; sequence++) {
            asks.deliver(new AnswerChunk("c", "q-stuck", sequence, "x"));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> stuck.aborted && asks.open() == 0);
    }

    @Test
    void anAskerWhoWentAwayGetsNothingMore() {
        Recorder gone = new Recorder();
        OpenAsks.OpenAsk open = asks.open("q-1", gone).orElseThrow();
        open.cancel();
        assertThat(asks.open()).isZero();
        asks.deliver(new AnswerChunk("c", "q-1", 0, "too late"));
        asks.deliver(completed("q-1", 1));
        Recorder marker = new Recorder();
        asks.open("q-2", marker).orElseThrow();
        asks.deliver(completed("q-2", 0));
        await().atMost(Duration.ofSeconds(5)).until(() -> marker.events.size() == 1);
        assertThat(gone.events).isEmpty();
    }

    @Test
    void isNotListeningUntilTold() {
        assertThat(asks.listening()).isFalse();
        asks.listening(true);
        assertThat(asks.listening()).isTrue();
    }

    private static AnswerCompleted completed(String questionId, int chunks) {
        return new AnswerCompleted("c", questionId, chunks, Analyst.HEURISTIC, null, "no LLM configured", List.of(), null, null, Instant.EPOCH);
    }

    private static class Recorder implements AnswerSink {

        final List<String> events = new CopyOnWriteArrayList<>();
        volatile boolean aborted;

        @Override
        public void chunk(String text) throws IOException {
            events.add("chunk:" + text);
        }

        @Override
        public void done(AnswerCompleted completed) {
            events.add("done:" + completed.questionId());
        }

        @Override
        public void failed(String message) {
            events.add("failed:" + message);
        }

        @Override
        public void abort() {
            aborted = true;
        }
    }
}
