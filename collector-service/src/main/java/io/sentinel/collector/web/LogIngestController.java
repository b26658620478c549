package io.sentinel.collector.web;

import io.sentinel.collector.ingest.EncodedSize;
import io.sentinel.collector.ingest.IngestProperties;
import io.sentinel.collector.ingest.logs.LogPayloads;
import io.sentinel.events.signal.LogBatch;
import io.sentinel.runtime.kafka.DirectEventPublisher;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/logs}: log lines and error reports, NDJSON or a JSON array; 202 once Kafka has them all. */
@RestController
class LogIngestController {

    static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");
    private static final Logger log = LoggerFactory.getLogger(LogIngestController.class);

    private final IngestProperties properties;
    private final DirectEventPublisher publisher;
    private final EncodedSize encodedSize;
    private final Clock clock;

    LogIngestController(IngestProperties properties, DirectEventPublisher publisher, EncodedSize encodedSize, Clock clock) {
        this.properties = properties;
        this.publisher = publisher;
        this.encodedSize = encodedSize;
        this.clock = clock;
    }

    @PostMapping("/api/logs")
    ResponseEntity<IngestAccepted> logs(HttpServletRequest request) throws IOException {
        MediaType type = contentType(request);
        byte[] body = BoundedRequestBody.read(request, properties.maxBodyBytes().toBytes());
        List<LogBatch> batches = NDJSON.isCompatibleWith(type)
                ? LogPayloads.fromNdjson(body, clock.instant(), properties.maxItems(), encodedSize::of)
                : LogPayloads.fromJson(body, clock.instant(), properties.maxItems(), encodedSize::of);
        IdempotencyKeys.publishAll(publisher, batches, request);
        int entries = batches.stream().mapToInt(batch -> batch.entries().size()).sum();
        log.debug("ingested logs token={} entries={} events={}", request.getAttribute(IngestTokenFilter.TOKEN_NAME), entries, batches.size());
        return ResponseEntity.accepted().body(new IngestAccepted(entries, batches.size()));
    }

    private static MediaType contentType(HttpServletRequest request) {
        String header = request.getContentType();
        try {
            MediaType type = header == null ? null : MediaType.parseMediaType(header);
            if (type != null && (NDJSON.isCompatibleWith(type) || MediaType.APPLICATION_JSON.isCompatibleWith(type))) {
                return type;
            }
        } catch (InvalidMediaTypeException e) {
            // answered below, like any other type this endpoint does not read
        }
        throw new UnsupportedContentType("send Content-Type: application/x-ndjson (one JSON object per line) or application/json "
                + "(an array of objects), was " + (header == null ? "none" : "'" + header + "'"));
    }
}
