package io.sentinel.detector.baseline;

import static java.time.temporal.ChronoUnit.HOURS;
import static java.time.temporal.ChronoUnit.MINUTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sentinel.events.signal.MetricSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HourlyReadingTest {

    private static final Instant HOUR = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void theBaselineIsTheMeanOfTheHoursWithDataAmongThe168CompleteHoursBefore() {
        List<HourlyAggregate> rows = new ArrayList<>();
        rows.add(new HourlyAggregate(HOUR.minus(169, HOURS), 10_000, 1));   // outside the window
        rows.add(new HourlyAggregate(HOUR.minus(168, HOURS), 30, 3));        // first hour of the window: mean 10
        rows.add(new HourlyAggregate(HOUR.minus(5, HOURS), 0, 0));           // no samples: no data
        rows.add(new HourlyAggregate(HOUR.minus(1, HOURS), 40, 2));          // mean 20
        rows.add(new HourlyAggregate(HOUR, 90, 2));                          // the hour in progress: mean 45

        HourlyReading reading = HourlyReading.of(rows, HOUR.plus(10, MINUTES), HourlyAggregation.MEAN).orElseThrow();

        assertThat(reading.baseline()).isEqualTo(15.0);
        assertThat(reading.historyHours()).isEqualTo(2);
        assertThat(reading.value()).as("the mean of this hour's samples").isEqualTo(45.0);
        assertThat(reading.ratio()).isEqualTo(3.0);
    }

    @Test
    void spendIsReadOverTheTrailingHourSoASpikeDoesNotVanishAtTheTopOfTheHour() {
        List<HourlyAggregate> rows = List.of(
                new HourlyAggregate(HOUR.minus(2, HOURS), 2, 1),
                new HourlyAggregate(HOUR.minus(1, HOURS), 8, 4),
                new HourlyAggregate(HOUR, 3, 1));

        HourlyReading at15 = HourlyReading.of(rows, HOUR.plus(15, MINUTES), HourlyAggregation.SUM).orElseThrow();
        HourlyReading atEnd = HourlyReading.of(rows, HOUR.plus(60, MINUTES).minusMillis(1), HourlyAggregation.SUM).orElseThrow();

        assertThat(at15.value()).as("3 this hour + 3/4 of the previous hour's 8").isEqualTo(9.0);
        assertThat(at15.baseline()).as("hour totals, not means").isEqualTo(5.0);
        assertThat(atEnd.value()).as("at the end of the hour only this hour counts").isCloseTo(3.0, within(1e-5));
    }

    @Test
    void nothingToReadWhenTheHourHasNoDataOfItsOwn() {
        List<HourlyAggregate> rows = List.of(new HourlyAggregate(HOUR.minus(1, HOURS), 8, 4));
        assertThat(HourlyReading.of(rows, HOUR.plus(1, MINUTES), HourlyAggregation.MEAN)).isEmpty();
    }

    @Test
    void addsSamplesUpPerClockHour() {
        List<MetricSample> samples = List.of(
                new MetricSample("r", Map.of(), 1, HOUR.plus(59, MINUTES)),
                new MetricSample("r", Map.of(), 2, HOUR.minus(1, MINUTES)),
                new MetricSample("r", Map.of(), 4, HOUR));

        assertThat(HourlyAggregate.byHour(samples, MetricSample::at, MetricSample::value)).containsExactly(
                new HourlyAggregate(HOUR.minus(1, HOURS), 2, 1),
                new HourlyAggregate(HOUR, 5, 2));
    }
}
