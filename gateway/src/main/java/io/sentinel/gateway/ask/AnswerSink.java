package io.sentinel.gateway.ask;

import io.sentinel.events.answer.AnswerCompleted;
import java.io.IOException;

/**
 * Where one question's answer goes as it arrives: the HTTP response of the person who asked. Called
 * from one thread per question, in order; {@link #done} and {@link #failed} are the last call.
 * A method that throws means the person is gone: nothing more is sent.
 */
public interface AnswerSink {

    void chunk(String text) throws IOException;

    void done(AnswerCompleted completed) throws IOException;

    /** @param message what went wrong, for the person who asked */
    void failed(String message) throws IOException;

    /** Ends the response at once, without a last word: the person could not keep up, or is gone. */
    void abort();
}
