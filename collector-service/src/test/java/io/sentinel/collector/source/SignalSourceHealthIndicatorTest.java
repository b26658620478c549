package io.sentinel.collector.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class SignalSourceHealthIndicatorTest {

    private static final Instant T0 = Instant.parse("2026-11-23T14:00:00Z");

    @Test
    void scrapingWithoutPrometheusIsUp() {
        Health health = new SignalSourceHealthIndicator(SourceSelection.scrapeOnly(T0), null).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("active", "scrape").containsEntry("prometheus", "not configured");
    }

    @Test
    void scrapingBecausePrometheusFailedIsDegradedWithTheReason() {
        var selection = SourceSelection.preferPrometheus(1, T0);
        var indicator = new SignalSourceHealthIndicator(selection, "http://prometheus:9090");
        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);

        selection.prometheusFailed(T0.plusSeconds(15), "connection refused");
        Health degraded = indicator.health();

        assertThat(degraded.getStatus()).isEqualTo(SignalSourceHealthIndicator.DEGRADED);
        assertThat(degraded.getStatus().getCode()).isEqualTo("DEGRADED");
        assertThat(degraded.getDetails()).containsEntry("active", "scrape").containsEntry("prometheus", "http://prometheus:9090")
                .containsEntry("lastError", "connection refused").containsEntry("consecutiveFailures", 1)
                .containsEntry("since", "2026-11-23T14:00:15Z");

        selection.prometheusAnswered(T0.plusSeconds(30));
        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
        assertThat(indicator.health().getDetails()).containsEntry("active", "prometheus").doesNotContainKey("lastError");
    }
}
