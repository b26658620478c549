package io.sentinel.executor.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hc.core5.http.HttpEntity;

/** Reads a response body up to a limit, never buffering more; the stream is left unclosed so nothing drains it. */
final class BoundedBody {

    private BoundedBody() {
    }

    static byte[] read(HttpEntity entity, long maxBytes) throws IOException, TooLarge {
        if (entity == null) {
            return new byte[0];
        }
        if (entity.getContentLength() > maxBytes) {
            throw new TooLarge();
        }
        InputStream in = entity.getContent();
        if (in == null) {
            return new byte[0];
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        int read;
        while ((read = in.read(buffer, 0, (int) Math.min(buffer.length, maxBytes - total + 1))) != -1) {
            total += read;
            if (total > maxBytes) {
                throw new TooLarge();
            }
            body.write(buffer, 0, read);
        }
        return body.toByteArray();
    }

    /** The body is bigger than allowed. */
    static final class TooLarge extends Exception {
        TooLarge() {
            super(null, null, false, false);
        }
    }
}
