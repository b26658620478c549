package io.sentinel.detector.it;

import static org.awaitility.Awaitility.await;

import io.sentinel.detector.DetectorApplication;
import io.sentinel.events.EventEnvelope;
import io.sentinel.events.SentinelEvent;
import io.sentinel.events.config.SettingChanged;
import io.sentinel.events.config.SettingRemoved;
import io.sentinel.events.execution.ClearedWithoutRemediation;
import io.sentinel.events.incident.ConditionCleared;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.signal.AlertStatus;
import io.sentinel.events.signal.ExternalAlert;
import io.sentinel.runtime.settings.RuntimeSettings;
import io.sentinel.testkit.ServiceIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The detector alone, on a real broker and database. Every detector integration test class extends
 * this, so they all share ONE running detector (one Spring context, one consumer group): give every
 * test its own resources. Static configuration for any rule family goes in the properties below;
 * prefer runtime settings ({@link #setting}) where a test needs its own values.
 */
@SpringBootTest(classes = DetectorApplication.class, useMainMethod = SpringBootTest.UseMainMethod.ALWAYS, properties = {
        "sentinel.detector.tick-interval=500ms",
        "sentinel.detector.incidents.update-interval=10s",
        // thresholds: only the memory rule; tests add others through runtime settings
        "sentinel.detector.threshold.rules[0].name=memory-usage-high",
        "sentinel.detector.threshold.rules[0].signal=memory_usage_ratio",
        "sentinel.detector.threshold.rules[0].above=0.60",
        "sentinel.detector.threshold.rules[0].clear-below=0.55",
        "sentinel.detector.threshold.rules[0].for=2s",
        "sentinel.detector.threshold.rules[0].title=Memory usage above 60% on {resource}",
        // noise: flapping after 3 openings within an hour, settled after 5s clear (what a test has to send a return in)
        "sentinel.detector.noise.flapping.max-openings=3",
        "sentinel.detector.noise.flapping.stable-for=5s",
        // Tests of every family share this detector and open incidents at once (the alert burst alone opens 50):
        // the storm budget is tested on its own (IncidentStormTest), not felt here.
        "sentinel.detector.noise.storm.max-openings-per-minute=100000",
        // ---- baselines and absence (section owned by the baseline/absence rules) ----
        // They watch test-only signals here, so they never act on the other families' test data.
        "sentinel.detector.baseline.hourly.signals=it_requests_per_second",
        "sentinel.detector.baseline.ewma.signals=it_pool_usage_ratio",
        // the EWMA test learns 50 samples, then needs its deviation held for a minute of sample time
        "sentinel.detector.baseline.ewma.min-samples=50",
        "sentinel.detector.baseline.ewma.for=1m",
        "sentinel.detector.absence.stale-metrics.signals=it_stale_ratio",
        // ---- novelty and LLM applications (section owned by those rules) ----
        // Learning ends 2s after a service's first log; a new error clears after 3s without a repeat.
        "sentinel.detector.novelty.learn-for=2s",
        "sentinel.detector.novelty.quiet-for=3s",
        "sentinel.detector.llm.tool-schemas[get_weather]=temperature,conditions",
})
abstract class DetectorIntegrationTest extends ServiceIntegrationTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    /** Sample time for tests that want the clock under control; the rules judge samples by their own time. */
    static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    /** What the shared test detector signs and publishes as; DetectorRestartTest runs another under its own name. */
    static final String SOURCE = "detector";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The shared detector's runtime settings, as it applies them. */
    @Autowired
    RuntimeSettings runtimeSettings;

    /** The shared detector's database, for what it decided NOT to do (no incident is an absent row). */
    @Autowired
    Jdbi jdbi;

    /** Publishes a runtime setting on the compacted config topic, as the gateway would, and waits until the detector holds it. */
    void setting(String name, String json) {
        JsonNode value = JSON.readTree(json);
        sender.send(new SettingChanged(name, value, "test", Instant.now()));
        await().atMost(WAIT).until(() -> runtimeSettings.get(name).filter(value::equals).isPresent());
    }

    void removeSetting(String name) {
        sender.send(new SettingRemoved(name, "test", Instant.now()));
        await().atMost(WAIT).until(() -> runtimeSettings.get(name).isEmpty());
    }

    /**
     * A positive marker for "nothing happened": an alert about the same resource travels on the same
     * partition of the signals topic, behind everything sent about it before, and opens an incident of
     * its own. Once that incident is out, the detector has processed (and committed) what came before.
     */
    static void awaitProcessed(String resource) {
        String alertName = "it-marker-" + UUID.randomUUID();
        sender.send(new ExternalAlert("alertmanager", resource, alertName, AlertStatus.FIRING, Map.of("alertname", alertName),
                Map.of("summary", "marker"), Instant.now(), null, null, Instant.now()));
        await().atMost(WAIT).until(() -> ours(IncidentOpened.class).stream().anyMatch(e -> e.rule().equals("alert:" + alertName)));
    }

    /** Incidents the shared detector ever opened for the resource under the rule, as its database has them. */
    long incidents(String resource, String rule) {
        return jdbi.withHandle(handle -> handle.createQuery("select count(*) from incident where resource = :resource and rule = :rule")
                .bind("resource", resource).bind("rule", rule).mapTo(Long.class).one());
    }

    /**
     * Plays the executor (ADR 0009): its verdict on the incident's latest {@code ConditionCleared} when
     * none of its executions was working on the incident.
     */
    static ConditionCleared answerClearedWithoutRemediation(String incidentId) {
        EventEnvelope<?> cleared = await().atMost(WAIT).until(() -> probe.envelopes(ConditionCleared.class).stream()
                .filter(envelope -> incidentId.equals(envelope.subject()) && envelope.source().equals(SOURCE))
                .reduce((first, second) -> second), Optional::isPresent).orElseThrow();
        ConditionCleared event = (ConditionCleared) cleared.event();
        sender.send(new ClearedWithoutRemediation(incidentId, cleared.id(), event.clearedAt()));
        return event;
    }

    /** What the shared detector published. */
    static <E extends SentinelEvent> List<E> ours(Class<E> type) {
        return probe.envelopes(type).stream().filter(envelope -> envelope.source().equals(SOURCE))
                .map(EventEnvelope::event).map(type::cast).toList();
    }
}
