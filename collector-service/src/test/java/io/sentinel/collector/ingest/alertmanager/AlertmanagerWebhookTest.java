package io.sentinel.collector.ingest.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentinel.collector.PrometheusFixtures;
import io.sentinel.collector.ingest.InvalidPayload;
import io.sentinel.collector.ingest.PayloadTooLarge;
import io.sentinel.events.signal.AlertStatus;
import io.sentinel.events.signal.ExternalAlert;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AlertmanagerWebhookTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-23T14:05:37Z");

    @Test
    void aFiringAlertAsAlertmanagerSendsItWithoutAnEnd() {
        List<ExternalAlert> alerts = AlertmanagerWebhook.parse(PrometheusFixtures.bytes(PrometheusFixtures.ALERTMANAGER_FIRING), RECEIVED, 100);

        assertThat(alerts).containsExactly(new ExternalAlert("alertmanager", "AlwaysFiring", "cdd08c7788026298", AlertStatus.FIRING,
                Map.of("alertname", "AlwaysFiring", "severity", "critical"), Map.of("summary", "test alert always firing"),
                Instant.parse("2026-11-23T14:05:35.860Z"), null, "http://vm:19090/graph?g0.expr=vector%281%29+%3E+0&g0.tab=1", RECEIVED));
        assertThat(alerts.getFirst().alertName()).isEqualTo("AlwaysFiring");
    }

    @Test
    void theSameAlertResolvedWithItsEnd() {
        List<ExternalAlert> alerts = AlertmanagerWebhook.parse(PrometheusFixtures.bytes(PrometheusFixtures.ALERTMANAGER_RESOLVED), RECEIVED, 100);

        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.status()).isEqualTo(AlertStatus.RESOLVED);
            assertThat(alert.fingerprint()).as("the same alert as when it fired").isEqualTo("cdd08c7788026298");
            assertThat(alert.endsAt()).isEqualTo(Instant.parse("2026-11-23T14:05:56.860Z"));
        });
    }

    static Stream<Arguments> resources() {
        return Stream.of(
                Arguments.of(Map.of("alertname", "HighLatency", "service", "checkout", "pod", "checkout-1", "instance", "10.0.0.1:8080"), "checkout"),
                Arguments.of(Map.of("alertname", "HighLatency", "pod", "checkout-1", "instance", "10.0.0.1:8080"), "checkout-1"),
                Arguments.of(Map.of("alertname", "NodeDown", "instance", "10.0.0.1:9100"), "10.0.0.1:9100"),
                Arguments.of(Map.of("alertname", "Watchdog"), "Watchdog"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("resources")
    void theResourceIsTheMostSpecificLabelPresent(Map<String, String> labels, String resource) {
        String labelsJson = labels.entrySet().stream().map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
                .reduce((a, b) -> a + "," + b).orElse("");
        String body = "{\"version\":\"4\",\"alerts\":[{\"status\":\"firing\",\"labels\":{" + labelsJson
                + "},\"startsAt\":\"2026-11-23T14:05:35.86Z\",\"fingerprint\":\"f1\"}]}";

        assertThat(AlertmanagerWebhook.parse(body.getBytes(StandardCharsets.UTF_8), RECEIVED, 100))
                .singleElement().extracting(ExternalAlert::resource).isEqualTo(resource);
    }

    static Stream<Arguments> invalid() {
        String alert = "{\"status\":\"firing\",\"labels\":{\"alertname\":\"A\"},\"startsAt\":\"2026-11-23T14:05:35.86Z\",\"fingerprint\":\"f1\"}";
        return Stream.of(
                Arguments.of("{\"version\":\"3\",\"alerts\":[]}", "version",
                        "field 'version' must be \"4\" (Alertmanager's webhook payload version), was \"3\""),
                Arguments.of("{\"alerts\":[]}", "version", "field 'version' is required: this endpoint takes Alertmanager's webhook payload, version \"4\""),
                Arguments.of("{\"version\":4,\"alerts\":[]}", "version", "field 'version' must be a string, was 4"),
                Arguments.of("{\"version\":\"4\"}", "alerts", "field 'alerts' is required"),
                Arguments.of("{\"version\":\"4\",\"alerts\":[" + alert.replace("\"firing\"", "\"pending\"") + "]}", "alerts[0].status",
                        "field 'alerts[0].status' must be firing or resolved, was 'pending'"),
                Arguments.of("{\"version\":\"4\",\"alerts\":[" + alert + "," + alert.replace(",\"fingerprint\":\"f1\"", "") + "]}",
                        "alerts[1].fingerprint", "field 'alerts[1].fingerprint' is required"),
                Arguments.of("{\"version\":\"4\",\"alerts\":[" + alert.replace("2026-11-23T14:05:35.86Z", "now") + "]}", "alerts[0].startsAt",
                        "field 'alerts[0].startsAt' must be an RFC 3339 date-time with an offset (e.g. 2026-11-23T14:05:35Z), was 'now'"),
                Arguments.of("{\"version\":\"4\",\"alerts\":[null]}", "alerts[0]", "field 'alerts[0]' must be a JSON object, was null"),
                Arguments.of("{\"version\":\"4\",\"alerts\":{}}", "alerts", "field 'alerts' must be an array, was an object"),
                Arguments.of("{\"version\":\"4\",\"alerts\":[" + alert.replace("\"alertname\":\"A\"", "\"alertname\":{\"x\":1}") + "]}",
                        "alerts[0].labels.alertname", "field 'alerts[0].labels.alertname' must be a string, number or boolean, was an object"),
                Arguments.of("{\"version\":\"4\",\"alerts\":[" + alert.replace("\"alertname\":\"A\"", "\"severity\":\"page\"") + "]}",
                        "alerts[0].labels", "field 'alerts[0].labels' must include one of service, pod, instance or alertname to name the alert's resource"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("invalid")
    void refusesWhatIsNotAVersion4PayloadNamingTheField(String body, String field, String problem) {
        assertThatThrownBy(() -> AlertmanagerWebhook.parse(body.getBytes(StandardCharsets.UTF_8), RECEIVED, 100))
                .isInstanceOfSatisfying(InvalidPayload.class, invalid -> assertThat(invalid.fieldPath()).isEqualTo(field))
                .hasMessage(problem);
    }

    @Test
    void moreAlertsThanTheLimitAreTooLarge() {
        assertThatThrownBy(() -> AlertmanagerWebhook.parse(PrometheusFixtures.bytes(PrometheusFixtures.ALERTMANAGER_FIRING), RECEIVED, 0))
                .isInstanceOf(PayloadTooLarge.class).hasMessageContaining("set max_alerts in the webhook config");
    }
}
