package io.sentinel.gateway.ask;

import io.sentinel.events.answer.AnswerCompleted;
import io.sentinel.events.answer.AnswerEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The questions this gateway instance is waiting to answer, by question id. Every instance reads
 * every answer (see the {@code answers} binding) and passes on those of its own questions; the
 * others' it ignores. Each question has a writer of its own (a virtual thread) that sends what
 * arrived to the asker, so a slow asker holds up nobody's answer but their own, and an asker who
 * falls {@value #MAX_PENDING} events behind is cut off. At most {@code maxOpen} questions wait at
 * once; each waits at most {@code timeout}.
 */
@Component
public class OpenAsks implements DisposableBean {

    /** Events queued for one asker; an answer has a few hundred chunks at most, so this is a stuck asker. */
    static final int MAX_PENDING = 1024;
    /** Chunks held while an earlier one is missing (they travel on one partition, so this is rare). */
    static final int MAX_EARLY = 256;
    private static final Logger log = LoggerFactory.getLogger(OpenAsks.class);

    private final AskProperties properties;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timeouts =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("ask-timeouts").factory());
    private volatile boolean listening;

    public OpenAsks(AskProperties properties) {
        this.properties = properties;
    }

    /**
     * Starts waiting for the answer to {@code questionId}; empty if {@code maxOpen} questions wait
     * already. Open it before the question is published, so that no part of the answer can be missed.
     */
    public Optional<OpenAsk> open(String questionId, AnswerSink sink) {
        Session session;
        synchronized (sessions) {
            if (sessions.size() >= properties.maxOpen()) {
                return Optional.empty();
            }
            session = new Session(questionId, sink);
            sessions.put(questionId, session);
        }
        session.start(timeouts.schedule(() -> session.fail(session.timeoutMessage(properties.timeout())),
                properties.timeout().toMillis(), TimeUnit.MILLISECONDS));
        return Optional.of(session);
    }

    /** Passes a piece of an answer on to whoever asked, if they asked here and still wait. */
    public void deliver(AnswerEvent event) {
        Session session = sessions.get(event.questionId());
        if (session != null) {
            session.accept(event);
        }
    }

    /** Questions waiting for their answers now. */
    public int open() {
        return sessions.size();
    }

    /**
     * Whether this instance reads the answers topic yet. It reads from the latest offset, so until its
     * partitions are assigned an answer could pass unseen: a question is not taken before.
     */
    public boolean listening() {
        return listening;
    }

    public void listening(boolean listening) {
        if (this.listening != listening) {
            log.info("answers {}", listening ? "listened to: questions are taken" : "no longer listened to: questions wait");
        }
        this.listening = listening;
    }

    @Override
    public void destroy() {
        timeouts.shutdownNow();
        sessions.values().forEach(Session::cancel);
    }

    /** A question waiting for its answer, as its asker's side holds it. */
    public interface OpenAsk {

        /** The asker went away: stop waiting, send nothing more. */
        void cancel();
    }

    private sealed interface Step {
    }

    private record Chunk(String text) implements Step {
    }

    private record Done(AnswerCompleted completed) implements Step {
    }

    private record Failed(String message) implements Step {
    }

    private final class Session implements OpenAsk {

        private final String questionId;
        private final AnswerSink sink;
        private final AnswerStream stream = new AnswerStream(MAX_EARLY);
        private final BlockingQueue<Step> steps = new ArrayBlockingQueue<>(MAX_PENDING);
        private Thread writer;
        private ScheduledFuture<?> timeout;
        private boolean ended;

        Session(String questionId, AnswerSink sink) {
            this.questionId = questionId;
            this.sink = sink;
        }

        synchronized void start(ScheduledFuture<?> timeout) {
            this.timeout = timeout;
            if (!ended) {
                writer = Thread.ofVirtual().name("ask-" + questionId).start(this::write);
            }
        }

        synchronized void accept(AnswerEvent event) {
            if (ended) {
                return;
            }
            AnswerStream.Delivery delivery = stream.accept(event);
            for (String text : delivery.texts()) {
                enqueue(new Chunk(text));
            }
            if (delivery.done() != null) {
                enqueue(new Done(delivery.done()));
            } else if (delivery.failure() != null) {
                enqueue(new Failed(delivery.failure()));
            }
        }

        synchronized void fail(String message) {
            if (!ended) {
                log.info("ask ended without a full answer questionId={}: {}", questionId, message);
                enqueue(new Failed(message));
            }
        }

        @Override
        public void cancel() {
            end(false);
        }

        String timeoutMessage(Duration limit) {
            synchronized (this) {
                Integer announced = stream.announced();
                int delivered = stream.delivered();
                String within = limit.toMillis() % 1000 == 0 ? limit.toSeconds() + "s" : limit.toMillis() + "ms";
                if (announced != null) {
                    return "The answer is incomplete: " + delivered + " of " + announced + " parts arrived within " + within + ". Ask again.";
                }
                return delivered == 0
                        ? "No answer within " + within + ": Sentinel's analyzer may be down or busy. Ask again shortly."
                        : "The answer stopped after " + delivered + " parts and did not finish within " + within + ". Ask again.";
            }
        }

        /** Called with the session's lock held. A full queue means the asker does not read: cut them off. */
        private void enqueue(Step step) {
            if (!steps.offer(step)) {
                log.warn("asker too slow, answer cut off questionId={} pending={}", questionId, steps.size());
                end(true);
            }
        }

        private void write() {
            try {
                while (true) {
                    Step step = steps.take();
                    switch (step) {
                        case Chunk chunk -> sink.chunk(chunk.text());
                        case Done done -> {
                            sink.done(done.completed());
                            return;
                        }
                        case Failed failed -> {
                            sink.failed(failed.message());
                            return;
                        }
                    }
                }
            } catch (InterruptedException e) {
                // Cancelled: the asker is gone or was cut off.
            } catch (IOException | RuntimeException e) {
                log.debug("asker gone questionId={}: {}", questionId, e.toString());
                sink.abort();
            } finally {
                end(false);
            }
        }

        private void end(boolean abort) {
            Thread running;
            synchronized (this) {
                if (ended) {
                    return;
                }
                ended = true;
                running = writer;
                sessions.remove(questionId, this);
                if (timeout != null) {
                    timeout.cancel(false);
                }
            }
            if (abort) {
                sink.abort();
            }
            if (running != null && running != Thread.currentThread()) {
                running.interrupt();
            }
        }
    }
}
