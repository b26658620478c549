package io.sentinel.collector.web;

import io.sentinel.collector.ingest.EncodedSize;
import io.sentinel.collector.ingest.IngestProperties;
import io.sentinel.collector.ingest.llm.LangfuseTraces;
import io.sentinel.events.signal.LlmTraceBatch;
import io.sentinel.runtime.kafka.DirectEventPublisher;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/llm/traces}: one Langfuse-shaped trace or an array; 202 once Kafka has them all. */
@RestController
class LlmTraceController {

    private static final Logger log = LoggerFactory.getLogger(LlmTraceController.class);

    private final IngestProperties properties;
    private final DirectEventPublisher publisher;
    private final EncodedSize encodedSize;
    private final Clock clock;

    LlmTraceController(IngestProperties properties, DirectEventPublisher publisher, EncodedSize encodedSize, Clock clock) {
        this.properties = properties;
        this.publisher = publisher;
        this.encodedSize = encodedSize;
        this.clock = clock;
    }

    @PostMapping("/api/llm/traces")
    ResponseEntity<IngestAccepted> traces(HttpServletRequest request) throws IOException {
        byte[] body = BoundedRequestBody.read(request, properties.maxBodyBytes().toBytes());
        List<LlmTraceBatch> batches = LangfuseTraces.parse(body, clock.instant(), properties.maxItems(), encodedSize::of);
        IdempotencyKeys.publishAll(publisher, batches, request);
        int traces = batches.stream().mapToInt(batch -> batch.traces().size()).sum();
        log.debug("ingested llm traces token={} traces={} events={}", request.getAttribute(IngestTokenFilter.TOKEN_NAME), traces, batches.size());
        return ResponseEntity.accepted().body(new IngestAccepted(traces, batches.size()));
    }
}
