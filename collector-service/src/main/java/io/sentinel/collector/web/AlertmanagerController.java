package io.sentinel.collector.web;

import io.sentinel.collector.ingest.IngestProperties;
import io.sentinel.collector.ingest.alertmanager.AlertmanagerWebhook;
import io.sentinel.events.signal.AlertStatus;
import io.sentinel.events.signal.ExternalAlert;
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

/**
 * {@code POST /api/alertmanager}: the receiver Alertmanager's {@code webhook_configs} points at,
 * unchanged. 200 only once Kafka has every alert: Alertmanager retries anything else, so an alert
 * is never lost between the two.
 */
@RestController
class AlertmanagerController {

    private static final Logger log = LoggerFactory.getLogger(AlertmanagerController.class);

    private final IngestProperties properties;
    private final DirectEventPublisher publisher;
    private final Clock clock;

    AlertmanagerController(IngestProperties properties, DirectEventPublisher publisher, Clock clock) {
        this.properties = properties;
        this.publisher = publisher;
        this.clock = clock;
    }

    @PostMapping("/api/alertmanager")
    ResponseEntity<IngestAccepted> alerts(HttpServletRequest request) throws IOException {
        byte[] body = BoundedRequestBody.read(request, properties.maxBodyBytes().toBytes());
        List<ExternalAlert> alerts = AlertmanagerWebhook.parse(body, clock.instant(), properties.maxItems());
        if (!alerts.isEmpty()) {
            IdempotencyKeys.publishAll(publisher, alerts, request);
        }
        log.info("received alertmanager notification token={} alerts={} firing={}", request.getAttribute(IngestTokenFilter.TOKEN_NAME),
                alerts.size(), alerts.stream().filter(alert -> alert.status() == AlertStatus.FIRING).count());
        return ResponseEntity.ok(new IngestAccepted(alerts.size(), alerts.size()));
    }
}
