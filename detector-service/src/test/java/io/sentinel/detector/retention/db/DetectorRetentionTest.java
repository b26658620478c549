package io.sentinel.detector.retention.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentinel.detector.retention.RetentionProperties;
import io.sentinel.detector.rule.RuleDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;

/**
 * The retention job on the real database: for every table it cleans, a row past its retention goes and
 * a fresh one stays, and what must stay however old (open incidents, active conditions) stays.
 */
class DetectorRetentionTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final Instant LONG_AGO = NOW.minus(Duration.ofDays(90));
    private static final Instant RECENTLY = NOW.minus(Duration.ofMinutes(5));

    private final RuleDatabase db = RuleDatabase.migrated();
    private final DetectorRetention retention = new DetectorRetention(db.jdbi(), new RetentionProperties(null, null, null, null, null),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void deletesWhatIsPastItsRetentionAndKeepsWhatIsNot() {
        db.jdbi().useHandle(handle -> {
            incident(handle, "resolved-long-ago", "RESOLVED", LONG_AGO);
            incident(handle, "resolved-recently", "RESOLVED", RECENTLY);
            incident(handle, "open-long-ago", "FIRING", null);
            update(handle, "insert into rule_condition (fingerprint, pending_since, active, updated_at) values"
                    + " ('idle', null, true, :old), ('fresh', :recent, false, :recent), ('open-long-ago', null, true, :old)");
            update(handle, "insert into novelty_service (service, first_log_at, last_seen_at, known) values"
                    + " ('gone', :old, :old, 1), ('quiet-but-known', :old, :old, 2), ('busy', :old, :recent, 1)");
            update(handle, "insert into error_fingerprint (service, fingerprint, normalized_message, sample_message, first_seen, last_seen,"
                    + " occurrences, learned, active) values"
                    + " ('gone', 'e1', 'm', 'm', :old, :old, 1, false, false),"
                    + " ('quiet-but-known', 'e2', 'm', 'm', :old, :old, 1, false, false),"
                    + " ('quiet-but-known', 'e3', 'm', 'm', :old, :old, 1, false, true),"
                    + " ('busy', 'e4', 'm', 'm', :old, :recent, 1, false, false)");
            update(handle, "insert into llm_trace_bucket (application, bucket_start, traces, failed) values ('a', :old, 1, 0), ('a', :recent, 1, 0)");
            update(handle, "insert into llm_error_cascade (application, latest_trace_at, active, baseline_rate) values"
                    + " ('idle', :old, false, null), ('active', :old, true, 0.1), ('fresh', :recent, false, null)");
            update(handle, "insert into llm_output_schema (application, generation, learned, schema_keys, recent, active, updated_at) values"
                    + " ('a', 'idle', 1, '{}', '', false, :old), ('a', 'active', 1, '{}', '', true, :old), ('a', 'fresh', 1, '{}', '', false, :recent)");
            update(handle, "insert into llm_score_history (application, score, score_values, active, updated_at) values"
                    + " ('a', 'idle', '[]', false, :old), ('a', 'active', '[]', true, :old), ('a', 'fresh', '[]', false, :recent)");
            update(handle, "insert into llm_tool_failure (application, tool, failures, last_failure, updated_at) values"
                    + " ('a', 'idle', '[]', 'x', :old), ('a', 'fresh', '[]', 'x', :recent)");
            update(handle, "insert into storm_suppression (fingerprint, suppressed_at) values ('old', :old), ('fresh', :recent)");
        });

        Map<String, Integer> deleted = retention.forgetOldState();

        assertThat(deleted).containsExactlyInAnyOrderEntriesOf(Map.of("incident", 1, "rule_condition", 1, "error_fingerprint", 2,
                "novelty_service", 1, "llm_trace_bucket", 1, "llm_error_cascade", 1, "llm_output_schema", 1, "llm_score_history", 1,
                "llm_tool_failure", 1, "storm_suppression", 1));
        assertThat(keys("select incident_id from incident")).containsExactlyInAnyOrder("resolved-recently", "open-long-ago");
        assertThat(keys("select fingerprint from rule_condition")).as("an open incident's condition stays, however old")
                .containsExactlyInAnyOrder("fresh", "open-long-ago");
        assertThat(keys("select fingerprint from error_fingerprint")).as("an active error stays").containsExactlyInAnyOrder("e3", "e4");
        assertThat(keys("select service || '=' || known from novelty_service")).as("known counts follow")
                .containsExactlyInAnyOrder("quiet-but-known=1", "busy=1");
        assertThat(keys("select cast(bucket_start as text) from llm_trace_bucket")).hasSize(1);
        assertThat(keys("select application from llm_error_cascade")).containsExactlyInAnyOrder("active", "fresh");
        assertThat(keys("select generation from llm_output_schema")).containsExactlyInAnyOrder("active", "fresh");
        assertThat(keys("select score from llm_score_history")).containsExactlyInAnyOrder("active", "fresh");
        assertThat(keys("select tool from llm_tool_failure")).containsExactly("fresh");
        assertThat(keys("select fingerprint from storm_suppression")).containsExactly("fresh");

        assertThat(retention.forgetOldState()).as("nothing left to delete").isEmpty();
    }

    @Test
    void deletesInBatchesUntilNothingIsLeft() {
        int many = DetectorRetention.BATCH * 2 + 17;
        db.jdbi().useHandle(handle -> handle.createUpdate("insert into llm_trace_bucket (application, bucket_start, traces, failed)"
                + " select 'a', cast(:old as timestamptz) - make_interval(secs => n), 1, 0 from generate_series(1, :many) n")
                .bind("old", LONG_AGO).bind("many", many).execute());

        assertThat(retention.forgetOldState()).containsEntry("llm_trace_bucket", many);
        assertThat(keys("select application from llm_trace_bucket")).isEmpty();
    }

    @Test
    void refusesARetentionShorterThanWhatStillNeedsTheRowsNamingTheProperty() {
        assertThatThrownBy(() -> new RetentionProperties(null, Duration.ofHours(1), null, null, null))
                .hasMessage("sentinel.detector.retention.resolved-incidents must be at least PT24H, was PT1H");
    }

    private List<String> keys(String sql) {
        return db.query(handle -> handle.createQuery(sql).mapTo(String.class).list());
    }

    private static void update(Handle handle, String sql) {
        var update = handle.createUpdate(sql);
        if (sql.contains(":old")) {
            update.bind("old", LONG_AGO);
        }
        if (sql.contains(":recent")) {
            update.bind("recent", RECENTLY);
        }
        update.execute();
    }

    private static void incident(Handle handle, String id, String phase, Instant resolvedAt) {
        handle.createUpdate("""
                        insert into incident (incident_id, fingerprint, rule, resource, trace_parent, phase, opened_at, resolved_at, recorded_at)
                        values (:id, :id, 'r', 'x', '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', :phase, :old, :resolvedAt, :old)""")
                .bind("id", id).bind("phase", phase).bind("old", LONG_AGO).bind("resolvedAt", resolvedAt).execute();
    }
}
