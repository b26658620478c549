package io.sentinel.detector.novelty;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.detector.limits.KeyLimits;
import io.sentinel.detector.rule.Finding;
import io.sentinel.detector.rule.RuleDatabase;
import io.sentinel.events.incident.Severity;
import io.sentinel.events.settings.detector.NoveltySetting;
import io.sentinel.events.signal.LogBatch;
import io.sentinel.events.signal.LogEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The novel-error rule on the detector's real tables: what it learns, opens, counts, clears and remembers across a restart. */
class NovelErrorRuleTest {

    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    private static final NoveltySetting DEFAULTS = new NoveltySetting(Duration.ofMinutes(10), Duration.ofHours(1), 10_000);
    private static final String POOL_STACK = "java.lang.IllegalStateException: pool exhausted\n\tat com.shop.Pool.get(Pool.java:42)";

    @Test
    void learnsWhatTheServiceAlreadyLogsThenOpensOnlyForWhatIsNew() {
        var rule = rule(DEFAULTS);
        String service = "checkout-learning";
        assertThat(logs(rule, service, T0, info("started"), error("Order 17 not found", null))).as("learning").isEmpty();

        assertThat(logs(rule, service, T0.plus(Duration.ofMinutes(11)), error("Order 9918 not found", null)))
                .as("the same error with another id, after learning: known").isEmpty();
        List<Finding> findings = logs(rule, service, T0.plus(Duration.ofMinutes(11)),
                error("Connection pool exhausted after 30000ms (active=50)", POOL_STACK));

        assertThat(findings).singleElement().isInstanceOfSatisfying(Finding.Firing.class, firing -> {
            assertThat(firing.rule()).isEqualTo("novel-error");
            assertThat(firing.severity()).isEqualTo(Severity.WARNING);
            assertThat(firing.title()).isEqualTo("New error in checkout-learning: connection pool exhausted after <duration> (active=<n>)");
            assertThat(firing.observation().detail())
                    .isEqualTo("Connection pool exhausted after 30000ms (active=50) (exception java.lang.IllegalStateException)");
            assertThat(firing.labels()).containsEntry("exception_type", "java.lang.IllegalStateException")
                    .containsEntry("environment", "prod")
                    .containsKey("error_fingerprint");
        });
    }

    @Test
    void aServicesFirstLogStartsLearningEvenWithoutErrors() {
        var rule = rule(DEFAULTS);
        logs(rule, "quiet-start", T0, info("started"));
        assertThat(logs(rule, "quiet-start", T0.plus(Duration.ofMinutes(9)), error("disk is read-only", null)))
                .as("still learning").isEmpty();
        assertThat(logs(rule, "quiet-start", T0.plus(Duration.ofMinutes(10)), error("cache miss storm", null))).hasSize(1);
    }

    @Test
    void countsRepeatsWhileActiveClearsWhenQuietAndOnlyCountsAfterwards() {
        var rule = rule(DEFAULTS);
        String service = "payments-repeat";
        logs(rule, service, T0, info("started"));
        Instant opened = T0.plus(Duration.ofMinutes(20));
        Finding first = logs(rule, service, opened, error("Charge ch_1 declined: card 4242 expired", null)).getFirst();

        List<Finding> repeat = logs(rule, service, opened.plusSeconds(30), error("Charge ch_2 declined: card 5555 expired", null),
                error("Charge ch_3 declined: card 1111 expired", null));
        assertThat(repeat).as("one repeat per batch, on the same fingerprint").singleElement()
                .isInstanceOf(Finding.Firing.class).extracting(Finding::fingerprint).isEqualTo(first.fingerprint());

        Instant lastSeen = opened.plusSeconds(30);
        assertThat(tick(rule, service, lastSeen.plus(Duration.ofHours(1)).minusSeconds(1))).as("not quiet for 1h yet").isEmpty();
        assertThat(tick(rule, service, lastSeen.plus(Duration.ofHours(1)).plusSeconds(1))).singleElement()
                .isInstanceOf(Finding.Cleared.class).extracting(Finding::fingerprint).isEqualTo(first.fingerprint());

        assertThat(logs(rule, service, lastSeen.plus(Duration.ofHours(3)), error("Charge ch_9 declined: card 7 expired", null)))
                .as("after its incident cleared the error is known: counted, not reopened").isEmpty();
        assertThat(occurrences(service)).isEqualTo(4);
    }

    @Test
    void aRestartedRuleRemembersWhatItLearnedAndWhenLearningEnded() {
        String service = "inventory-restart";
        var before = rule(DEFAULTS);
        logs(before, service, T0, error("Stock level for sku 123 negative", null));
        logs(before, service, T0.plus(Duration.ofMinutes(15)), error("Reservation 77 expired", null));

        var after = rule(DEFAULTS);
        Instant later = T0.plus(Duration.ofMinutes(16));
        assertThat(logs(after, service, later, error("Stock level for sku 999 negative", null))).as("learned before the restart").isEmpty();
        assertThat(logs(after, service, later, error("Reservation 78 expired", null)))
                .as("still active across the restart: a repeat to count, not a new incident").singleElement()
                .isInstanceOf(Finding.Firing.class);
        assertThat(logs(after, service, later, error("Warehouse feed stale", null)))
                .as("the learning period did not start over: a new error opens").singleElement().isInstanceOf(Finding.Firing.class);
        assertThat(tick(after, service, later.plus(Duration.ofHours(2)))).as("both active errors clear after the restart").hasSize(2);
    }

    @Test
    void keepsAtMostTheConfiguredNumberOfKnownErrorsForgettingTheLeastRecentlySeen() {
        var rule = rule(new NoveltySetting(Duration.ofMinutes(10), Duration.ofHours(1), 3));
        String service = "capped";
        logs(rule, service, T0, error("alpha failed", null));
        logs(rule, service, T0.plusSeconds(1), error("beta failed", null));
        logs(rule, service, T0.plusSeconds(2), error("gamma failed", null));
        logs(rule, service, T0.plusSeconds(3), error("alpha failed", null));
        logs(rule, service, T0.plusSeconds(4), error("delta failed", null));

        assertThat(knownMessages(service)).containsExactlyInAnyOrder("alpha failed", "gamma failed", "delta failed");
        int known = RuleDatabase.shared().jdbi().withHandle(handle -> handle.createQuery(
                "select known from novelty_service where service = :service").bind("service", service).mapTo(Integer.class).one());
        assertThat(known).as("the kept count matches the rows").isEqualTo(3);
        assertThat(logs(rule, service, T0.plus(Duration.ofMinutes(30)), error("beta failed", null)))
                .as("forgotten, so it is new again").hasSize(1);
    }

    private static NovelErrorRule rule(NoveltySetting properties) {
        return new NovelErrorRule(properties, RuleDatabase.noSettings(), KeyLimits.unlimited());
    }

    private static List<Finding> logs(NovelErrorRule rule, String service, Instant at, LogEntry... entries) {
        List<LogEntry> timed = Arrays.stream(entries)
                .map(e -> new LogEntry(e.level(), e.message(), e.stackTrace(), at, e.attributes())).toList();
        return RuleDatabase.shared().step(at, context -> rule.onSignal(new LogBatch("loki", service, Map.of("environment", "prod"), timed, at),
                context));
    }

    /** What the tick found about this service (the tests share one database; a tick sees every service). */
    private static List<Finding> tick(NovelErrorRule rule, String service, Instant now) {
        return RuleDatabase.shared().step(now, rule::onTick).stream()
                .filter(finding -> finding.fingerprint().startsWith(NovelErrorRule.RULE + "|" + service + "|")).toList();
    }

    private static LogEntry error(String message, String stackTrace) {
        return new LogEntry("ERROR", message, stackTrace, T0, Map.of());
    }

    private static LogEntry info(String message) {
        return new LogEntry("INFO", message, null, T0, Map.of());
    }

    private static long occurrences(String service) {
        return RuleDatabase.shared().jdbi().withHandle(handle -> handle.createQuery(
                "select sum(occurrences) from error_fingerprint where service = :service").bind("service", service).mapTo(Long.class).one());
    }

    private static List<String> knownMessages(String service) {
        return RuleDatabase.shared().jdbi().withHandle(handle -> handle.createQuery(
                "select normalized_message from error_fingerprint where service = :service").bind("service", service)
                .mapTo(String.class).list());
    }
}
