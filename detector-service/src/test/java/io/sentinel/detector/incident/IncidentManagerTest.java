package io.sentinel.detector.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.detector.rule.Finding;
import io.sentinel.detector.rule.Fingerprint;
import io.sentinel.events.execution.ClearedWithoutRemediation;
import io.sentinel.events.execution.ExecutionStarted;
import io.sentinel.events.execution.RollbackSucceeded;
import io.sentinel.events.execution.StepCompleted;
import io.sentinel.events.execution.StepPhase;
import io.sentinel.events.execution.VerificationPassed;
import io.sentinel.events.incident.ConditionCleared;
import io.sentinel.events.incident.IncidentEscalated;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.incident.IncidentResolved;
import io.sentinel.events.incident.IncidentUpdated;
import io.sentinel.events.incident.Observation;
import io.sentinel.events.incident.Resolution;
import io.sentinel.events.incident.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The detector's half of ADR 0009, on values (no database): it says when a condition clears, stamped
 * with its own clock, and ends an incident only from the executor's verdict. Every race the detector
 * can see (the two topics, the clock) is played in both orders and ends the same way.
 */
class IncidentManagerTest {

    /** The detector's clock. */
    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    private static final String FINGERPRINT = Fingerprint.of("memory-usage-high", "shop", Map.of());

    private final InMemoryIncidents incidents = InMemoryIncidents.standard();

    @Test
    void aClearingIsSaidWithTheDetectorsOwnClockAndResolvesNothing() {
        String id = open("shop", NOW);
        // The sender's clock is a day ahead: the observation keeps the sample's time, the clearing is the detector's.
        Instant senderClock = NOW.plus(Duration.ofDays(1));

        incidents.findings(NOW.plusSeconds(30), cleared("shop", senderClock));

        ConditionCleared cleared = incidents.published(ConditionCleared.class).getFirst();
        assertThat(cleared.clearedAt()).isEqualTo(NOW.plusSeconds(30));
        assertThat(cleared.observation().observedAt()).isEqualTo(senderClock);
        assertThat(incidents.published(IncidentResolved.class)).as("only the executor's verdict ends it").isEmpty();
        assertThat(incidents.open(id).orElseThrow().phase()).isEqualTo(IncidentPhase.CLEARED);
    }

    @Test
    void clearedWithoutRemediationResolvesItAsClearedByItself() {
        String id = open("shop", NOW);
        incidents.findings(NOW.plusSeconds(30), cleared("shop", NOW.plusSeconds(30)));

        incidents.verdict(NOW.plusSeconds(31), new ClearedWithoutRemediation(id, "cleared-1", NOW.plusSeconds(30)));

        assertThat(incidents.published(IncidentResolved.class)).singleElement().satisfies(resolved -> {
            assertThat(resolved.resolution()).isEqualTo(Resolution.CLEARED_BY_ITSELF);
            assertThat(resolved.summary()).isEqualTo("condition cleared without remediation");
            assertThat(resolved.resolvedAt()).isEqualTo(NOW.plusSeconds(31));
        });
    }

    @Test
    void aPassedVerificationResolvesItAsRemediated() {
        String id = open("shop", NOW);
        incidents.findings(NOW.plusSeconds(30), cleared("shop", NOW.plusSeconds(30)));

        incidents.verdict(NOW.plusSeconds(40), new VerificationPassed(id, "verification-1", "exec-1", "memory back under 55%"));

        assertThat(incidents.published(IncidentResolved.class)).singleElement().satisfies(resolved -> {
            assertThat(resolved.resolution()).isEqualTo(Resolution.REMEDIATED);
            assertThat(resolved.summary()).isEqualTo("verified: memory back under 55% (execution exec-1)");
        });
    }

    @Test
    void aRolledBackFixEscalatesAndAClearedIncidentResolvesAfterTheEscalation() {
        String firing = open("shop", NOW);
        incidents.verdict(NOW.plusSeconds(10), new RollbackSucceeded(firing, "rolled-back", "exec-1", "restored configuration"));
        assertThat(incidents.published(IncidentEscalated.class)).singleElement()
                .satisfies(escalated -> assertThat(escalated.reason()).contains("exec-1").contains("rolled back"));
        assertThat(incidents.published(IncidentResolved.class)).as("the condition is still there").isEmpty();

        incidents.findings(NOW.plusSeconds(20), cleared("shop", NOW.plusSeconds(20)));
        incidents.verdict(NOW.plusSeconds(21), new ClearedWithoutRemediation(firing, "cleared-1", NOW.plusSeconds(20)));

        assertThat(incidents.published(IncidentResolved.class)).singleElement()
                .satisfies(resolved -> assertThat(resolved.summary()).isEqualTo("condition cleared after escalation"));
    }

    @Test
    void progressOfTheExecutorChangesNothingHere() {
        String id = open("shop", NOW);
        incidents.verdict(NOW.plusSeconds(1), new ExecutionStarted(id, "decision-1", "exec-1", "release-memory", Map.of(), NOW));
        incidents.verdict(NOW.plusSeconds(2), new StepCompleted(id, "exec-1-started", "exec-1", "restart", StepPhase.ACTION, true, "ok", 200));

        assertThat(incidents.open(id).orElseThrow().phase()).isEqualTo(IncidentPhase.FIRING);
        assertThat(incidents.published(IncidentResolved.class)).isEmpty();
    }

    /**
     * The race ADR 0009 ends: the executor's {@code ExecutionStarted} and the signal that clears the
     * condition travel on different topics. Whichever the detector sees first, the clearing is said,
     * nothing is resolved by the detector, and the executor's verdict ends the incident as remediated.
     */
    @Test
    void whetherTheFixStartedBeforeOrAfterTheClearingTheVerdictDecidesAlone() {
        for (boolean startedFirst : new boolean[] {true, false}) {
            var detector = InMemoryIncidents.standard();
            String id = open(detector, "shop", NOW);
            Runnable started = () -> detector.verdict(NOW.plusSeconds(5),
                    new ExecutionStarted(id, "decision-1", "exec-1", "release-memory", Map.of(), NOW));
            Runnable clearing = () -> detector.findings(NOW.plusSeconds(6), cleared("shop", NOW.plusSeconds(6)));
            (startedFirst ? started : clearing).run();
            (startedFirst ? clearing : started).run();
            assertThat(detector.published(IncidentResolved.class)).as("started first: %s", startedFirst).isEmpty();

            detector.verdict(NOW.plusSeconds(20), new VerificationPassed(id, "verification-1", "exec-1", "cleared"));

            assertThat(detector.published(IncidentResolved.class)).as("started first: %s", startedFirst).singleElement()
                    .extracting(IncidentResolved::resolution).isEqualTo(Resolution.REMEDIATED);
        }
    }

    /**
     * The race left at the detector: the condition returns (signals topic) while the verdict on its
     * clearing (executions topic) is on its way. Either way the cleared incident ends by the verdict and
     * the return is a new incident.
     */
    @Test
    void aVerdictAndAReturnOfTheConditionLeadToTheSameIncidentsInEitherOrder() {
        for (boolean verdictFirst : new boolean[] {true, false}) {
            var detector = InMemoryIncidents.standard();
            String first = open(detector, "shop", NOW);
            detector.findings(NOW.plusSeconds(30), cleared("shop", NOW.plusSeconds(30)));
            Runnable verdict = () -> detector.verdict(NOW.plusSeconds(31), new ClearedWithoutRemediation(first, "cleared-1", NOW.plusSeconds(30)));
            Runnable returned = () -> detector.findings(NOW.plusSeconds(32), firing("shop", NOW.plusSeconds(32)));
            (verdictFirst ? verdict : returned).run();
            (verdictFirst ? returned : verdict).run();

            String order = verdictFirst ? "verdict first" : "return first";
            assertThat(detector.resolved(first)).as(order).isTrue();
            assertThat(detector.published(IncidentResolved.class)).as(order).singleElement()
                    .satisfies(resolved -> assertThat(resolved.summary()).isEqualTo("condition cleared without remediation"));
            List<IncidentOpened> opened = detector.published(IncidentOpened.class);
            assertThat(opened).as(order).hasSize(2);
            assertThat(opened.getLast().openedAt()).as(order + ": opened when the condition returned").isEqualTo(NOW.plusSeconds(32));
            assertThat(detector.openByFingerprint(FINGERPRINT).orElseThrow().incidentId()).as(order).isEqualTo(opened.getLast().incidentId());
            assertThat(detector.published(IncidentUpdated.class)).as(order + ": the old incident is not told of the return").isEmpty();
        }
    }

    @Test
    void aReturnThatClearsAgainBeforeTheVerdictIsNoIncident() {
        String id = open("shop", NOW);
        incidents.findings(NOW.plusSeconds(30), cleared("shop", NOW.plusSeconds(30)));
        incidents.findings(NOW.plusSeconds(32), firing("shop", NOW.plusSeconds(32)));
        incidents.findings(NOW.plusSeconds(34), cleared("shop", NOW.plusSeconds(34)));

        incidents.verdict(NOW.plusSeconds(35), new ClearedWithoutRemediation(id, "cleared-1", NOW.plusSeconds(30)));

        assertThat(incidents.published(IncidentOpened.class)).hasSize(1);
        assertThat(incidents.published(ConditionCleared.class)).as("one clearing, one verdict").hasSize(1);
        assertThat(incidents.openByFingerprint(FINGERPRINT)).isEmpty();
    }

    /** A flapping incident resolves once both hold: the executor said no fix was involved, and the condition stayed clear. */
    @Test
    void aFlappingIncidentResolvesOnceTheVerdictIsInAndTheConditionStayedClearWhicheverCameFirst() {
        for (boolean verdictBeforeSettling : new boolean[] {true, false}) {
            var detector = InMemoryIncidents.standard();
            String id = flapping(detector);
            Instant clearedAt = NOW.plus(Duration.ofMinutes(10));
            detector.findings(clearedAt, cleared("shop", clearedAt));
            Runnable verdict = () -> detector.verdict(clearedAt.plusSeconds(1), new ClearedWithoutRemediation(id, "cleared-3", clearedAt));
            Runnable settleTick = () -> detector.tick(clearedAt.plus(Duration.ofMinutes(3)));
            (verdictBeforeSettling ? verdict : settleTick).run();
            (verdictBeforeSettling ? settleTick : verdict).run();
            detector.tick(clearedAt.plus(Duration.ofMinutes(4)));

            String order = verdictBeforeSettling ? "verdict before the settling tick" : "verdict after it";
            assertThat(detector.published(IncidentResolved.class)).as(order).filteredOn(resolved -> resolved.incidentId().equals(id))
                    .singleElement().satisfies(resolved -> assertThat(resolved.summary()).isEqualTo("condition stayed clear for PT2M after flapping"));
        }
    }

    @Test
    void aFlappingIncidentTakesItsReturnsBackAndIgnoresAVerdictOnAnEarlierClearing() {
        String id = flapping(incidents);
        Instant clearedAt = NOW.plus(Duration.ofMinutes(10));
        incidents.findings(clearedAt, cleared("shop", clearedAt));
        incidents.findings(clearedAt.plusSeconds(5), firing("shop", clearedAt.plusSeconds(5)));

        incidents.verdict(clearedAt.plusSeconds(6), new ClearedWithoutRemediation(id, "cleared-3", clearedAt));
        incidents.tick(clearedAt.plus(Duration.ofMinutes(5)));

        assertThat(incidents.open(id).orElseThrow().phase()).isEqualTo(IncidentPhase.FIRING);
        assertThat(incidents.published(IncidentUpdated.class)).last()
                .satisfies(update -> assertThat(update.observation().detail()).startsWith("condition returned after clearing"));
    }

    @Test
    void verdictsThatAnswerNothingChangeNothing() {
        String id = open("shop", NOW);
        incidents.verdict(NOW.plusSeconds(1), new ClearedWithoutRemediation("no-such-incident", "x", NOW));
        incidents.verdict(NOW.plusSeconds(2), new ClearedWithoutRemediation(id, "x", NOW));
        assertThat(incidents.open(id).orElseThrow().phase()).as("the condition is present: nothing cleared").isEqualTo(IncidentPhase.FIRING);

        incidents.findings(NOW.plusSeconds(30), cleared("shop", NOW.plusSeconds(30)));
        incidents.verdict(NOW.plusSeconds(31), new ClearedWithoutRemediation(id, "cleared-1", NOW.plusSeconds(30)));
        incidents.verdict(NOW.plusSeconds(32), new ClearedWithoutRemediation(id, "cleared-1", NOW.plusSeconds(30)));
        incidents.verdict(NOW.plusSeconds(33), new VerificationPassed(id, "late", "exec-9", "too late"));

        assertThat(incidents.published(IncidentResolved.class)).as("ended exactly once").singleElement()
                .extracting(IncidentResolved::resolution).isEqualTo(Resolution.CLEARED_BY_ITSELF);
    }

    @Test
    void aRepeatWhileFiringIsCountedAndAnnouncedAtTheUpdateIntervalOrWhenTheSeverityRises() {
        String id = open("shop", NOW);
        incidents.findings(NOW.plusSeconds(10), firing("shop", NOW.plusSeconds(10)));
        assertThat(incidents.published(IncidentUpdated.class)).isEmpty();

        incidents.findings(NOW.plusSeconds(20), withSeverity(firing("shop", NOW.plusSeconds(20)), Severity.CRITICAL));
        incidents.findings(NOW.plus(Duration.ofMinutes(6)), firing("shop", NOW.plus(Duration.ofMinutes(6))));

        assertThat(incidents.published(IncidentUpdated.class)).extracting(update -> update.observation().detail())
                .containsExactly("severity rose to CRITICAL: d", "condition persists: d");
        assertThat(incidents.open(id).orElseThrow().occurrences()).isEqualTo(4);
    }

    private String open(String resource, Instant at) {
        return open(incidents, resource, at);
    }

    private static String open(InMemoryIncidents detector, String resource, Instant at) {
        detector.findings(at, firing(resource, at));
        return detector.published(IncidentOpened.class).getLast().incidentId();
    }

    /** Opens and clears the incident three times within the flapping window: the third one is flapping. */
    private static String flapping(InMemoryIncidents detector) {
        String id = null;
        for (int cycle = 0; cycle < 3; cycle++) {
            Instant at = NOW.plus(Duration.ofMinutes(3L * cycle));
            id = open(detector, "shop", at);
            if (cycle < 2) {
                detector.findings(at.plusSeconds(30), cleared("shop", at.plusSeconds(30)));
                detector.verdict(at.plusSeconds(31), new ClearedWithoutRemediation(id, "cleared-" + cycle, at.plusSeconds(30)));
            }
        }
        return id;
    }

    private static Finding.Firing firing(String resource, Instant at) {
        return new Finding.Firing(Fingerprint.of("memory-usage-high", resource, Map.of()), "memory-usage-high", resource, Map.of(),
                Severity.WARNING, "Memory high on " + resource, new Observation("memory_usage_ratio", 0.9, 0.6, "d", at), resource + ".staging");
    }

    private static Finding.Firing withSeverity(Finding.Firing firing, Severity severity) {
        return new Finding.Firing(firing.fingerprint(), firing.rule(), firing.resource(), firing.labels(), severity, firing.title(),
                firing.observation(), firing.target());
    }

    private static Finding.Cleared cleared(String resource, Instant at) {
        return new Finding.Cleared(Fingerprint.of("memory-usage-high", resource, Map.of()),
                new Observation("memory_usage_ratio", 0.4, 0.55, "cleared", at));
    }
}
