package io.sentinel.collector.web;

import io.sentinel.collector.ingest.InvalidPayload;
import io.sentinel.events.SentinelEvent;
import io.sentinel.runtime.kafka.DirectEventPublisher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The optional {@code Idempotency-Key} header of an ingest request. With it, a retry of a request
 * that got no answer (a timeout, a 503 after Kafka took only some of its events) publishes the same
 * event ids, so nothing is ingested twice. The key is scoped to the client's token and the endpoint:
 * two clients choosing the same key do not collide.
 */
final class IdempotencyKeys {

    static final String HEADER = "Idempotency-Key";
    private static final Pattern VALID = Pattern.compile("[\\x21-\\x7E]{1,200}");

    private IdempotencyKeys() {
    }

    /** Publishes a request's events, under ids derived from its key when it has one. */
    static void publishAll(DirectEventPublisher publisher, List<? extends SentinelEvent> events, HttpServletRequest request) {
        Optional<String> key = of(request);
        if (key.isPresent()) {
            publisher.publishAll(events, key.get());
        } else {
            publisher.publishAll(events);
        }
    }

    static Optional<String> of(HttpServletRequest request) {
        String key = request.getHeader(HEADER);
        if (key == null) {
            return Optional.empty();
        }
        if (!VALID.matcher(key).matches()) {
            throw InvalidPayload.parameter("header", HEADER, "must be 1 to 200 visible ASCII characters (e.g. a UUID)");
        }
        return Optional.of("ingest|" + request.getAttribute(IngestTokenFilter.TOKEN_NAME) + "|" + request.getRequestURI() + "|" + key);
    }
}
