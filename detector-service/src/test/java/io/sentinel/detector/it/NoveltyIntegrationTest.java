package io.sentinel.detector.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.incident.IncidentResolved;
import io.sentinel.events.incident.Severity;
import io.sentinel.events.signal.LogBatch;
import io.sentinel.events.signal.LogEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Never-seen-before errors end to end: learned quietly during the learning period (2s here), then one
 * incident for the first occurrence of a new error, with the raw sample, and none for its repeats.
 */
class NoveltyIntegrationTest extends SharedDetectorEvents {

    private static final String STACK = """
            com.shop.inventory.ReservationException: Reservation 8841 for sku 1207 failed: lock timeout after 5000ms
            \tat com.shop.inventory.Reservations.reserve(Reservations.java:88)
            \tat com.shop.checkout.Checkout.place(Checkout.java:41)""";

    @Test
    void aNewErrorAfterLearningOpensOneIncidentWithItsSampleAndItsRepeatsOpenNoOther() {
        String service = "it-checkout-novelty";
        logs(service, new LogEntry("INFO", "Started CheckoutApplication in 4.2 seconds", null, Instant.now(), Map.of()),
                error("Payment provider returned 502 for order 1001", null));
        pause(Duration.ofMillis(2500));

        logs(service, error("Payment provider returned 502 for order 1002", null));
        logs(service, error("Reservation 8841 for sku 1207 failed: lock timeout after 5000ms", STACK));
        IncidentOpened opened = awaitPublished(IncidentOpened.class, e -> e.resource().equals(service));
        assertThat(opened.rule()).isEqualTo("novel-error");
        assertThat(opened.target()).as("logs are what a sender says: they name no target").isNull();
        assertThat(opened.severity()).isEqualTo(Severity.WARNING);
        assertThat(opened.title())
                .isEqualTo("New error in it-checkout-novelty: reservation <n> for sku <n> failed: lock timeout after <duration>");
        assertThat(opened.observation().detail()).isEqualTo(
                "Reservation 8841 for sku 1207 failed: lock timeout after 5000ms (exception com.shop.inventory.ReservationException)");
        assertThat(opened.labels()).containsEntry("exception_type", "com.shop.inventory.ReservationException").containsEntry("team", "shop");

        logs(service, error("Reservation 9310 for sku 77 failed: lock timeout after 3000ms", STACK.replace("8841", "9310")));
        awaitSignalsProcessed();
        assertThat(opened(service)).as("the same error with other numbers is a repeat; the learned one is known").hasSize(1);

        IncidentResolved resolved = awaitPublished(IncidentResolved.class, e -> e.incidentId().equals(opened.incidentId()));
        assertThat(resolved.summary()).isEqualTo("condition cleared without remediation");
        logs(service, error("Reservation 12 for sku 5 failed: lock timeout after 100ms", STACK));
        awaitSignalsProcessed();
        assertThat(opened(service)).as("after its incident resolved, the error is known: counted, not reopened").hasSize(1);
    }

    @Test
    void errorsLoggedDuringTheLearningPeriodNeverOpenAnIncident() {
        String service = "it-billing-learning";
        logs(service, error("Invoice 4711 could not be rendered: template 'dunning' missing", null),
                error("Connection to 10.0.4.12:5432 refused", null));
        pause(Duration.ofMillis(2500));
        logs(service, error("Invoice 9 could not be rendered: template 'receipt' missing", null),
                error("Connection to 10.0.4.13:6432 refused", null));
        awaitSignalsProcessed();
        assertThat(opened(service)).isEmpty();
    }

    private static void logs(String service, LogEntry... entries) {
        sender.send(new LogBatch("loki", service, Map.of("team", "shop", "environment", "staging"), List.of(entries), Instant.now()));
    }

    private static LogEntry error(String message, String stackTrace) {
        return new LogEntry("ERROR", message, stackTrace, Instant.now(), Map.of("logger", "com.shop"));
    }

    private static List<IncidentOpened> opened(String service) {
        return published(IncidentOpened.class).stream().filter(e -> e.resource().equals(service)).toList();
    }
}
