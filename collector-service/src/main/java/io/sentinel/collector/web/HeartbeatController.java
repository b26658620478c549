package io.sentinel.collector.web;

import io.sentinel.collector.ingest.IngestProperties;
import io.sentinel.collector.ingest.heartbeats.HeartbeatRequests;
import io.sentinel.events.signal.HeartbeatReceived;
import io.sentinel.runtime.kafka.DirectEventPublisher;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/heartbeats/{name}?every=&grace=}: a regular job says it ran; 202 once Kafka has it. */
@RestController
class HeartbeatController {

    private static final Logger log = LoggerFactory.getLogger(HeartbeatController.class);

    private final IngestProperties properties;
    private final DirectEventPublisher publisher;
    private final Clock clock;

    HeartbeatController(IngestProperties properties, DirectEventPublisher publisher, Clock clock) {
        this.properties = properties;
        this.publisher = publisher;
        this.clock = clock;
    }

    @PostMapping("/api/heartbeats/{name}")
    ResponseEntity<IngestAccepted> heartbeat(@PathVariable String name, @RequestParam(required = false) String every,
                                             @RequestParam(required = false) String grace, HttpServletRequest request) throws IOException {
        byte[] body = BoundedRequestBody.read(request, properties.maxBodyBytes().toBytes());
        HeartbeatReceived heartbeat = HeartbeatRequests.parse(name, every, grace, body, clock.instant());
        IdempotencyKeys.publishAll(publisher, List.of(heartbeat), request);
        log.debug("ingested heartbeat token={} name={} every={} grace={}", request.getAttribute(IngestTokenFilter.TOKEN_NAME), name,
                heartbeat.every(), heartbeat.grace());
        return ResponseEntity.accepted().body(new IngestAccepted(1, 1));
    }
}
