package io.sentinel.detector.noise;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.detector.rule.Finding;
import io.sentinel.detector.rule.Fingerprint;
import io.sentinel.detector.rule.RuleDatabase;
import io.sentinel.events.execution.ClearedWithoutRemediation;
import io.sentinel.events.incident.ConditionCleared;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.incident.IncidentResolved;
import io.sentinel.events.incident.IncidentUpdated;
import io.sentinel.events.incident.Observation;
import io.sentinel.events.incident.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The budget of incidents opened per minute, with the real incident steps on the real database (the counts are in it). */
class IncidentStormTest {

    private static final int BUDGET = 60;
    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

    private final RuleDatabase db = RuleDatabase.migrated(BUDGET);

    @Test
    void tenThousandDistinctFingerprintsWithinAMinuteOpenTheBudgetAndOneStormIncidentThatEndsWhenTheFloodDoes() {
        int flood = 10_000;
        for (int batch = 0; batch < 100; batch++) {
            List<Finding> findings = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                findings.add(firing("svc-" + (batch * 100 + i)));
            }
            db.apply(findings, T0.plusMillis(500L * batch));
        }

        List<IncidentOpened> opened = db.published(IncidentOpened.class);
        assertThat(opened).hasSizeLessThanOrEqualTo(BUDGET + 1);
        assertThat(opened).filteredOn(incident -> !incident.rule().equals(IncidentStorm.RULE)).hasSize(BUDGET);
        IncidentOpened storm = opened.stream().filter(incident -> incident.rule().equals(IncidentStorm.RULE)).findFirst().orElseThrow();
        assertThat(storm.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(storm.resource()).isEqualTo("detector");
        assertThat(storm.title()).isEqualTo("Incident storm: over 60 incidents in a minute, new ones suppressed");
        assertThat(storm.observation().detail()).startsWith("1 incident suppressed in the last minute: more than 60 opened within a minute "
                + "(sentinel.detector.noise.storm.max-openings-per-minute)");
        assertThat(storm.target()).isNull();
        assertThat(column("occurrences", IncidentStorm.FINGERPRINT)).as("every suppressed finding counted on it")
                .isEqualTo((long) (flood - BUDGET));
        assertThat(db.<Long>query(handle -> handle.createQuery("select count(*) from storm_suppression").mapTo(Long.class).one()))
                .isEqualTo((long) (flood - BUDGET));

        Instant lastSuppression = T0.plusMillis(500L * 99);
        db.tickIncidents(lastSuppression.plusSeconds(30));
        assertThat(db.published(ConditionCleared.class)).as("suppressions within the last minute: the storm goes on").isEmpty();
        db.tickIncidents(lastSuppression.plusSeconds(61));
        assertThat(db.published(ConditionCleared.class)).singleElement()
                .satisfies(cleared -> assertThat(cleared.incidentId()).isEqualTo(storm.incidentId()));
        assertThat(db.published(IncidentResolved.class)).as("the executor's verdict ends it").isEmpty();
        db.verdict(new ClearedWithoutRemediation(storm.incidentId(), "condition-cleared", lastSuppression.plusSeconds(61)),
                lastSuppression.plusSeconds(62));
        assertThat(db.published(IncidentResolved.class)).singleElement()
                .satisfies(resolved -> assertThat(resolved.incidentId()).isEqualTo(storm.incidentId()));
        assertThat(db.<Long>query(handle -> handle.createQuery("select count(*) from storm_suppression").mapTo(Long.class).one()))
                .as("trimmed to the minute").isZero();

        db.apply(List.of(firing("after-the-storm")), lastSuppression.plusSeconds(63));
        assertThat(db.published(IncidentOpened.class)).extracting(IncidentOpened::resource).contains("after-the-storm");
    }

    @Test
    void aStormThatLastsIsAnnouncedWithItsCountAtTheUpdateInterval() {
        // Ten new conditions a second for six minutes: the budget opens 60 a minute, the storm counts the rest.
        for (int second = 0; second < 6 * 60; second++) {
            List<Finding> findings = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                findings.add(firing("svc-" + second + "-" + i));
            }
            db.apply(findings, T0.plusSeconds(second));
        }

        List<IncidentOpened> opened = db.published(IncidentOpened.class);
        assertThat(opened).filteredOn(incident -> incident.rule().equals(IncidentStorm.RULE)).as("one storm, however long").hasSize(1);
        assertThat(opened).filteredOn(incident -> !incident.rule().equals(IncidentStorm.RULE)).as("at most the budget in any minute")
                .hasSizeLessThanOrEqualTo(6 * BUDGET + BUDGET);
        assertThat(db.published(IncidentUpdated.class)).isNotEmpty().allSatisfy(update -> {
            assertThat(update.occurrences()).isGreaterThan(1);
            assertThat(update.observation().detail()).matches("condition persists: \\d+ incidents suppressed in the last minute: more than 60 .*");
            assertThat(update.observation().value()).isGreaterThan(BUDGET);
        });
    }

    @Test
    void repeatsOfOpenIncidentsDoNotSpendTheBudget() {
        List<Finding> repeats = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            repeats.add(firing("same-svc"));
        }
        db.apply(repeats, T0);
        List<Finding> fresh = new ArrayList<>();
        for (int i = 0; i < BUDGET - 1; i++) {
            fresh.add(firing("fresh-" + i));
        }
        db.apply(fresh, T0.plusSeconds(1));

        assertThat(db.published(IncidentOpened.class)).hasSize(BUDGET).noneMatch(incident -> incident.rule().equals(IncidentStorm.RULE));
    }

    private long column(String column, String fingerprint) {
        return db.query(handle -> handle.createQuery("select " + column + " from incident where fingerprint = :fingerprint")
                .bind("fingerprint", fingerprint).mapTo(Long.class).one());
    }

    private static Finding.Firing firing(String resource) {
        return new Finding.Firing(Fingerprint.of("flood", resource, Map.of()), "flood", resource, Map.of(), Severity.WARNING,
                "Flood on " + resource, new Observation("flood", 1.0, 0.5, "flood", T0), null);
    }
}
