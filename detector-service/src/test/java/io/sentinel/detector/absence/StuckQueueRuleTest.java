package io.sentinel.detector.absence;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.detector.absence.db.QueueSampleDao;
import io.sentinel.detector.limits.KeyLimits;
import io.sentinel.detector.rule.Conditions;
import io.sentinel.detector.rule.Finding;
import io.sentinel.detector.rule.RuleDatabase;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.signal.MetricBatch;
import io.sentinel.events.signal.MetricSample;
import io.sentinel.runtime.settings.RuntimeOverlay;
import io.sentinel.runtime.settings.RuntimeSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rule queue-stuck against the real database. */
class StuckQueueRuleTest {

    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

    private RuleDatabase db;

    @BeforeEach
    void migrate() {
        db = RuleDatabase.migrated();
    }

    @Test
    void firesOnceTheDepthRoseForTheWholeWindowWithoutConsumptionAndClearsWhenConsumptionResumes() {
        var rule = rule(new RuntimeSettings());
        for (int round = 0; round < 8; round++) {
            assertThat(round(rule, "orders", round, 10 + 10 * round, 0)).as("round %d: under two minutes", round).isEmpty();
        }
        Finding stuck = round(rule, "orders", 8, 90, 0).getFirst();
        assertThat(stuck).isInstanceOfSatisfying(Finding.Firing.class, firing -> {
            assertThat(firing.rule()).isEqualTo("queue-stuck");
            assertThat(firing.labels()).containsEntry("queue", "orders").containsEntry("environment", "staging");
            assertThat(firing.observation().detail()).isEqualTo("queue orders on shop: depth grew from 10 to 90 over PT2M (by more than 10)"
                    + " while queue_consumed_per_second stayed 0");
        });
        assertThat(db.published(IncidentOpened.class).getFirst().title()).isEqualTo("Queue orders stuck on shop");

        assertThat(round(rule, "orders", 9, 100, 0)).as("still stuck: a repeat").singleElement().isInstanceOf(Finding.Firing.class);
        assertThat(round(rule, "orders", 10, 100, 4.5)).singleElement().isInstanceOf(Finding.Cleared.class);
    }

    @Test
    void aGrowingQueueThatIsBeingConsumedIsNotStuck() {
        var rule = rule(new RuntimeSettings());
        for (int round = 0; round <= 12; round++) {
            assertThat(round(rule, "orders", round, 10 + 10 * round, round == 4 ? 1 : 0)).isEmpty();
        }
    }

    @Test
    void eachQueueOfAResourceIsJudgedOnItsOwn() {
        var rule = rule(new RuntimeSettings());
        List<Finding> last = List.of();
        for (int round = 0; round <= 8; round++) {
            Instant at = T0.plusSeconds(15L * round);
            last = db.signal(rule, new MetricBatch("scrape", "shop", Map.of(), at, List.of(
                    new MetricSample("queue_depth", Map.of("queue", "orders"), 10 + 10 * round, at),
                    new MetricSample("queue_consumed_per_second", Map.of("queue", "orders"), 0, at),
                    new MetricSample("queue_depth", Map.of("queue", "emails"), 10 + 10 * round, at),
                    new MetricSample("queue_consumed_per_second", Map.of("queue", "emails"), 2, at)), null), at);
        }
        assertThat(last).singleElement().isInstanceOfSatisfying(Finding.Firing.class,
                firing -> assertThat(firing.labels()).containsEntry("queue", "orders"));
    }

    @Test
    void aRestartedDetectorContinuesTheWindowAndCountsOnTheOpenIncident() {
        for (int round = 0; round < 6; round++) {
            round(rule(new RuntimeSettings()), "orders", round, 10 + 10 * round, 0);
        }
        var restarted = rule(new RuntimeSettings());
        round(restarted, "orders", 6, 70, 0);
        round(restarted, "orders", 7, 80, 0);
        assertThat(round(restarted, "orders", 8, 90, 0)).as("the window began before the restart")
                .singleElement().isInstanceOf(Finding.Firing.class);
        assertThat(round(rule(new RuntimeSettings()), "orders", 9, 95, 0)).singleElement().isInstanceOf(Finding.Firing.class);
        assertThat(db.published(IncidentOpened.class)).hasSize(1);
    }

    @Test
    void keepsOnlyTwoWindowsOfSamples() {
        var rule = rule(new RuntimeSettings());
        for (int round = 0; round <= 40; round++) {
            round(rule, "orders", round, 10, 1);
        }
        int kept = db.query(handle -> handle.attach(QueueSampleDao.class).points("shop", "orders")).size();
        assertThat(kept).as("4 minutes of rounds every 15 s, both ends included").isEqualTo(17);
    }

    @Test
    void theWindowAndGrowthChangeAtRuntime() {
        var rule = rule(RuleDatabase.settings("detector.absence.stuck-queue", """
                {"window": "PT30S", "min-growth": 100}"""));
        round(rule, "orders", 0, 10, 0);
        round(rule, "orders", 1, 60, 0);
        assertThat(round(rule, "orders", 2, 110, 0)).as("grew by exactly 100").isEmpty();
        assertThat(round(rule, "orders", 3, 200, 0)).as("grew by 140 within 30 s").singleElement().isInstanceOf(Finding.Firing.class);
    }

    @Test
    void aQueueSilentForForgetAfterIsForgottenAndItsConditionCleared() {
        var rule = rule(new RuntimeSettings());
        for (int round = 0; round <= 8; round++) {
            round(rule, "orders", round, 10 + 10 * round, 0);
        }
        assertThat(db.tick(rule, T0.plus(Duration.ofDays(7)).plusSeconds(200))).singleElement().isInstanceOf(Finding.Cleared.class);
        List<QueuePoint> kept = db.query(handle -> handle.attach(QueueSampleDao.class).points("shop", "orders"));
        assertThat(kept).isEmpty();
    }

    private static StuckQueueRule rule(RuntimeSettings settings) {
        return new StuckQueueRule(new AbsenceProperties(List.of(), null, Duration.ofDays(7), null, null), new RuntimeOverlay(settings),
                new Conditions(), KeyLimits.unlimited());
    }

    /** One collection round of shop, 15 s apart, received when collected. */
    private List<Finding> round(StuckQueueRule rule, String queue, int round, double depth, double consumed) {
        Instant at = T0.plusSeconds(15L * round);
        List<MetricSample> samples = new ArrayList<>();
        samples.add(new MetricSample("queue_depth", Map.of("queue", queue), depth, at));
        samples.add(new MetricSample("queue_consumed_per_second", Map.of("queue", queue), consumed, at));
        return db.signal(rule, new MetricBatch("scrape", "shop", Map.of("environment", "staging"), at, samples, null), at);
    }
}
