package io.sentinel.notifier.channel;

import java.io.IOException;

/** What an HTTP answer means for a delivery, the same for every channel that speaks HTTP. */
public final class HttpAnswers {

    private HttpAnswers() {
    }

    /**
     * A 2xx delivered it. A 5xx (the receiver is failing), 408 (it timed out waiting) or 429 (it asks
     * us to slow down) may pass later; any other status, a 4xx or a redirect (never followed), will be
     * answered the same way however often it is sent.
     */
    public static SendResult ofStatus(int status) {
        if (status >= 200 && status < 300) {
            return new SendResult.Delivered("HTTP " + status);
        }
        return new SendResult.Failed("HTTP " + status, status >= 500 || status == 408 || status == 429);
    }

    /** No answer (connection refused or reset, a timeout, TLS): the receiver or the way to it may recover. */
    public static SendResult unreachable(IOException e) {
        return new SendResult.Failed(e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage(), true);
    }
}
