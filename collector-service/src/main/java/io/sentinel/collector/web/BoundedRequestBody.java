package io.sentinel.collector.web;

import io.sentinel.collector.ingest.PayloadTooLarge;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body into memory up to a limit and no further: a declared length over the limit is
 * refused before reading, an undeclared (chunked) one as soon as it passes the limit.
 */
final class BoundedRequestBody {

    private BoundedRequestBody() {
    }

    static byte[] read(HttpServletRequest request, long maxBytes) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge(declared + " bytes", maxBytes);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) maxBytes + 1);
            if (body.length > maxBytes) {
                throw tooLarge("more than " + maxBytes + " bytes", maxBytes);
            }
            return body;
        }
    }

    private static PayloadTooLarge tooLarge(String size, long maxBytes) {
        return new PayloadTooLarge("request body of " + size + " is larger than " + maxBytes
                + " bytes (sentinel.collector.ingest.max-body-bytes): split it");
    }
}
