package io.sentinel.gateway.ask;

import io.sentinel.events.answer.AnswerChunk;
import io.sentinel.events.answer.AnswerCompleted;
import io.sentinel.events.answer.AnswerEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Puts one answer's pieces in order: chunks are passed on by their sequence number, each once, and
 * the completion only after every chunk it counts has been passed on. A chunk that arrives twice (a
 * redelivery) is dropped; one that arrives early waits, up to a bound. Pure; not thread-safe.
 */
public final class AnswerStream {

    private final int maxEarly;
    private final TreeMap<Integer, String> early = new TreeMap<>();
    private int next;
    private AnswerCompleted completed;
    private boolean finished;

    /** @param maxEarly chunks held while an earlier one is missing; beyond it the answer fails */
    public AnswerStream(int maxEarly) {
        this.maxEarly = maxEarly;
    }

    /**
     * What the asker gets now that {@code event} arrived.
     *
     * @param texts   chunks to pass on, in order
     * @param done    the completion, once everything before it was passed on; then the answer is over
     * @param failure why the answer cannot go on; then it is over
     */
    public record Delivery(List<String> texts, AnswerCompleted done, String failure) {

        static final Delivery NOTHING = new Delivery(List.of(), null, null);

        public boolean over() {
            return done != null || failure != null;
        }
    }

    public Delivery accept(AnswerEvent event) {
        if (finished) {
            return Delivery.NOTHING;
        }
        List<String> texts = new ArrayList<>();
        switch (event) {
            case AnswerChunk chunk -> {
                if (chunk.sequence() < next || early.containsKey(chunk.sequence())) {
                    return Delivery.NOTHING;
                }
                if (chunk.sequence() > next) {
                    if (early.size() >= maxEarly) {
                        finished = true;
                        return new Delivery(List.of(), null, "the answer arrived too far out of order: part " + next
                                + " is missing while " + early.size() + " later parts wait");
                    }
                    early.put(chunk.sequence(), chunk.text());
                    return Delivery.NOTHING;
                }
                texts.add(chunk.text());
                next++;
                while (!early.isEmpty() && early.firstKey() == next) {
                    texts.add(early.pollFirstEntry().getValue());
                    next++;
                }
            }
            case AnswerCompleted done -> {
                if (completed != null) {
                    return Delivery.NOTHING;
                }
                completed = done;
            }
        }
        if (completed != null && next >= completed.chunks()) {
            finished = true;
            return new Delivery(texts, completed, null);
        }
        return new Delivery(texts, null, null);
    }

    /** Parts passed on so far. */
    public int delivered() {
        return next;
    }

    /** How many parts the completion announced, when it has arrived. */
    public Integer announced() {
        return completed == null ? null : completed.chunks();
    }
}
