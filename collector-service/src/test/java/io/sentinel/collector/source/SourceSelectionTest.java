package io.sentinel.collector.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentinel.collector.source.SourceSelection.Switch;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SourceSelectionTest {

    private static final Instant T0 = Instant.parse("2026-11-23T14:00:00Z");

    @Test
    void withoutPrometheusTheTargetsAreTheSourceAndNothingIsDegraded() {
        var selection = SourceSelection.scrapeOnly(T0);

        assertThat(selection.scrapes()).isTrue();
        assertThat(selection.state().degraded()).isFalse();
        assertThat(selection.prometheusConfigured()).isFalse();
        assertThatThrownBy(() -> selection.prometheusFailed(T0, "x")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void fallsBackOnlyAfterTheConfiguredNumberOfConsecutiveFailedRounds() {
        var selection = SourceSelection.preferPrometheus(3, T0);
        assertThat(selection.scrapes()).as("Prometheus is assumed to answer until it has not").isFalse();

        assertThat(selection.prometheusFailed(T0.plusSeconds(15), "connection refused")).isInstanceOf(Switch.Stay.class);
        assertThat(selection.prometheusFailed(T0.plusSeconds(30), "connection refused")).isInstanceOf(Switch.Stay.class);
        assertThat(selection.scrapes()).isFalse();
        assertThat(selection.state().consecutiveFailures()).isEqualTo(2);
        assertThat(selection.state().lastError()).isEqualTo("connection refused");

        assertThat(selection.prometheusFailed(T0.plusSeconds(45), "no complete answer within 5000ms"))
                .isEqualTo(new Switch.FellBack(3, "no complete answer within 5000ms"));
        assertThat(selection.scrapes()).isTrue();
        assertThat(selection.state()).isEqualTo(new SourceSelection.State(SignalSource.SCRAPE, true, 3, "no complete answer within 5000ms",
                T0.plusSeconds(45)));
    }

    @Test
    void anAnswerBetweenFailuresStartsTheCountAgain() {
        var selection = SourceSelection.preferPrometheus(3, T0);
        selection.prometheusFailed(T0.plusSeconds(15), "x");
        selection.prometheusFailed(T0.plusSeconds(30), "x");

        assertThat(selection.prometheusAnswered(T0.plusSeconds(45))).isInstanceOf(Switch.Stay.class);
        selection.prometheusFailed(T0.plusSeconds(60), "x");
        selection.prometheusFailed(T0.plusSeconds(75), "x");

        assertThat(selection.scrapes()).isFalse();
        assertThat(selection.state().since()).as("Prometheus has been the source all along").isEqualTo(T0);
    }

    @Test
    void returnsToPrometheusAtItsFirstAnswerAndSaysForHowLongItWasAway() {
        var selection = SourceSelection.preferPrometheus(1, T0);
        assertThat(selection.prometheusFailed(T0.plusSeconds(15), "connection refused")).isInstanceOf(Switch.FellBack.class);
        assertThat(selection.prometheusFailed(T0.plusSeconds(30), "connection refused")).as("already scraping").isInstanceOf(Switch.Stay.class);
        assertThat(selection.state().consecutiveFailures()).isEqualTo(2);

        assertThat(selection.prometheusAnswered(T0.plusSeconds(75))).isEqualTo(new Switch.BackToPrometheus(2, Duration.ofSeconds(60)));
        assertThat(selection.scrapes()).isFalse();
        assertThat(selection.state()).isEqualTo(new SourceSelection.State(SignalSource.PROMETHEUS, false, 0, null, T0.plusSeconds(75)));
    }

    @Test
    void refusesAThresholdBelowOneRound() {
        assertThatThrownBy(() -> SourceSelection.preferPrometheus(0, T0)).hasMessage("fallbackAfter must be at least 1, was 0");
    }
}
