package io.sentinel.collector.derive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sentinel.collector.series.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CounterRatesTest {

    private static final String REQUESTS = "http_server_requests_total";
    private static final Set<String> COUNTERS = Set.of(REQUESTS);
    private static final Map<String, String> OK = Map.of("code", "200");
    private static final Instant T0 = Instant.parse("2026-11-23T14:00:00Z");

    private final CounterRates rates = new CounterRates(Duration.ofMinutes(10), 1000);

    @Test
    void theFirstSampleOfASeriesHasNoRate() {
        assertThat(rates.rates("shop", List.of(counter(100)), COUNTERS, T0)).isEmpty();
        assertThat(rates.trackedSeries()).isEqualTo(1);
    }

    @Test
    void theRateIsTheIncreasePerSecondSinceTheRoundBefore() {
        rates.rates("shop", List.of(counter(100)), COUNTERS, T0);

        assertThat(rates.rates("shop", List.of(counter(130)), COUNTERS, T0.plusSeconds(15)))
                .containsExactly(new Sample(REQUESTS, OK, 2.0, null));
        assertThat(rates.rates("shop", List.of(counter(130)), COUNTERS, T0.plusSeconds(30)))
                .as("nothing happened").containsExactly(new Sample(REQUESTS, OK, 0.0, null));
    }

    @Test
    void aLowerValueIsACounterResetCountedFromZero() {
        rates.rates("shop", List.of(counter(5000)), COUNTERS, T0);

        assertThat(rates.rates("shop", List.of(counter(30)), COUNTERS, T0.plusSeconds(10)))
                .as("the process restarted and served 30 since").containsExactly(new Sample(REQUESTS, OK, 3.0, null));
        assertThat(rates.rates("shop", List.of(counter(50)), COUNTERS, T0.plusSeconds(20)))
                .as("and goes on from the new value").containsExactly(new Sample(REQUESTS, OK, 2.0, null));
    }

    @Test
    void aSampleWithItsOwnTimestampIsTimedByItAndKeepsIt() {
        Instant measured = T0.minusMillis(700);
        rates.rates("shop", List.of(new Sample(REQUESTS, OK, 10, measured)), COUNTERS, T0);

        List<Sample> rate = rates.rates("shop", List.of(new Sample(REQUESTS, OK, 14, measured.plusSeconds(2))), COUNTERS, T0.plusSeconds(15));

        assertThat(rate).singleElement().satisfies(sample -> {
            assertThat(sample.value()).as("over the 2 s between the measurements, not the 15 s between the scrapes").isEqualTo(2.0);
            assertThat(sample.timestamp()).isEqualTo(measured.plusSeconds(2));
        });
    }

    @Test
    void theSameMeasurementServedAgainHasNoRate() {
        rates.rates("shop", List.of(new Sample(REQUESTS, OK, 10, T0)), COUNTERS, T0);

        assertThat(rates.rates("shop", List.of(new Sample(REQUESTS, OK, 10, T0)), COUNTERS, T0.plusSeconds(15))).isEmpty();
        assertThat(rates.rates("shop", List.of(new Sample(REQUESTS, OK, 40, T0.plusSeconds(30))), COUNTERS, T0.plusSeconds(30)))
                .as("measured against the last distinct measurement").singleElement()
                .satisfies(sample -> assertThat(sample.value()).isCloseTo(1.0, within(1e-12)));
    }

    @Test
    void aSeriesNotSeenForTheStalenessPeriodIsForgottenAndStartsAfresh() {
        rates.rates("shop", List.of(counter(100)), COUNTERS, T0);

        assertThat(rates.rates("shop", List.of(counter(400)), COUNTERS, T0.plus(Duration.ofMinutes(10)).plusSeconds(1)))
                .as("gone for more than 10 minutes: no rate over the gap").isEmpty();
        assertThat(rates.rates("shop", List.of(counter(430)), COUNTERS, T0.plus(Duration.ofMinutes(10)).plusSeconds(16)))
                .containsExactly(new Sample(REQUESTS, OK, 2.0, null));
    }

    @Test
    void forgottenSeriesLeaveMemory() {
        rates.rates("shop", List.of(counter(100), new Sample(REQUESTS, Map.of("code", "500"), 1)), COUNTERS, T0);
        assertThat(rates.trackedSeries()).isEqualTo(2);

        rates.rates("cart", List.of(counter(1)), COUNTERS, T0.plus(Duration.ofMinutes(11)));

        assertThat(rates.trackedSeries()).as("only cart's series is left").isEqualTo(1);
    }

    @Test
    void atMostMaxSeriesAreTrackedAndTheRestCounted() {
        var bounded = new CounterRates(Duration.ofMinutes(10), 2);
        List<Sample> three = List.of(counter(1), new Sample(REQUESTS, Map.of("code", "404"), 1), new Sample(REQUESTS, Map.of("code", "500"), 1));

        bounded.rates("shop", three, COUNTERS, T0);
        List<Sample> second = bounded.rates("shop", three, COUNTERS, T0.plusSeconds(15));

        assertThat(bounded.trackedSeries()).isEqualTo(2);
        assertThat(second).hasSize(2);
        assertThat(bounded.untrackedSeries()).isEqualTo(2);
    }

    @Test
    void theSameLabelsOnTwoSourcesAreTwoSeriesAndOnlyCountersAreTracked() {
        rates.rates("shop", List.of(counter(100), new Sample("queue_depth", Map.of(), 7)), COUNTERS, T0);
        rates.rates("cart", List.of(counter(1000)), COUNTERS, T0);

        assertThat(rates.rates("shop", List.of(counter(115)), COUNTERS, T0.plusSeconds(15))).extracting(Sample::value).containsExactly(1.0);
        assertThat(rates.rates("cart", List.of(counter(1150)), COUNTERS, T0.plusSeconds(15))).extracting(Sample::value).containsExactly(10.0);
        assertThat(rates.trackedSeries()).isEqualTo(2);
    }

    private static Sample counter(double value) {
        return new Sample(REQUESTS, OK, value);
    }
}
