package io.sentinel.detector.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.incident.IncidentResolved;
import io.sentinel.events.incident.Severity;
import io.sentinel.events.signal.LogBatch;
import io.sentinel.events.signal.LogEntry;
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
        // The service's first logs are 10 s old: its learning period (2 s here) is over by their own time, without waiting.
        Instant firstLogs = Instant.now().minusSeconds(10);
        logs(service, new LogEntry("INFO", "Started CheckoutApplication in 4.2 seconds", null, firstLogs, Map.of()),
                error("Payment provider returned 502 for order 1001", null, firstLogs));

        logs(service, error("Payment provider returned 502 for order 1002", null, Instant.now()));
        logs(service, error("Reservation 8841 for sku 1207 failed: lock timeout after 5000ms", STACK, Instant.now()));
        IncidentOpened opened = awaitPublished(IncidentOpened.class, e -> e.resource().equals(service) && e.rule().equals("novel-error"));
        assertThat(opened.target()).as("logs are what a sender says: they name no target").isNull();
        assertThat(opened.severity()).isEqualTo(Severity.WARNING);
        assertThat(opened.title())
                .isEqualTo("New error in it-checkout-novelty: reservation <n> for sku <n> failed: lock timeout after <duration>");
        assertThat(opened.observation().detail()).isEqualTo(
                "Reservation 8841 for sku 1207 failed: lock timeout after 5000ms (exception com.shop.inventory.ReservationException)");
        assertThat(opened.labels()).containsEntry("exception_type", "com.shop.inventory.ReservationException").containsEntry("team", "shop");

        logs(service, error("Reservation 9310 for sku 77 failed: lock timeout after 3000ms", STACK.replace("8841", "9310"), Instant.now()));
        awaitProcessed(service);
        assertThat(incidents(service, "novel-error")).as("the same error with other numbers is a repeat; the learned one is known")
                .isEqualTo(1);

        answerClearedWithoutRemediation(opened.incidentId());
        IncidentResolved resolved = awaitPublished(IncidentResolved.class, e -> e.incidentId().equals(opened.incidentId()));
        assertThat(resolved.summary()).isEqualTo("condition cleared without remediation");
        logs(service, error("Reservation 12 for sku 5 failed: lock timeout after 100ms", STACK, Instant.now()));
        awaitProcessed(service);
        assertThat(incidents(service, "novel-error")).as("after its incident resolved, the error is known: counted, not reopened")
                .isEqualTo(1);
    }

    @Test
    void errorsLoggedDuringTheLearningPeriodNeverOpenAnIncident() {
        String service = "it-billing-learning";
        Instant firstLogs = Instant.now().minusSeconds(10);
        logs(service, error("Invoice 4711 could not be rendered: template 'dunning' missing", null, firstLogs),
                error("Connection to 10.0.4.12:5432 refused", null, firstLogs.plusSeconds(1)));
        logs(service, error("Invoice 9 could not be rendered: template 'receipt' missing", null, Instant.now()),
                error("Connection to 10.0.4.13:6432 refused", null, Instant.now()));
        awaitProcessed(service);
        assertThat(incidents(service, "novel-error")).isZero();
    }

    private static void logs(String service, LogEntry... entries) {
        sender.send(new LogBatch("loki", service, Map.of("team", "shop", "environment", "staging"), List.of(entries), Instant.now()));
    }

    private static LogEntry error(String message, String stackTrace, Instant at) {
        return new LogEntry("ERROR", message, stackTrace, at, Map.of("logger", "com.shop"));
    }

}
