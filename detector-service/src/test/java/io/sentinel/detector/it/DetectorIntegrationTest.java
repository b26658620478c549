package io.sentinel.detector.it;

import io.sentinel.detector.DetectorApplication;
import io.sentinel.events.config.SettingChanged;
import io.sentinel.events.config.SettingRemoved;
import io.sentinel.testkit.ServiceIntegrationTest;
import java.time.Duration;
import java.time.Instant;
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
        // noise: flapping after 3 openings within an hour, settled after 2s clear
        "sentinel.detector.noise.flapping.max-openings=3",
        "sentinel.detector.noise.flapping.stable-for=2s",
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
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Publishes a runtime setting on the compacted config topic, as the gateway would. */
    static void setting(String name, String json) {
        JsonNode value = JSON.readTree(json);
        sender.send(new SettingChanged(name, value, "test", Instant.now()));
    }

    static void removeSetting(String name) {
        sender.send(new SettingRemoved(name, "test", Instant.now()));
    }

    /** Settings and signals travel on different topics; give the setting a moment to be applied first. */
    static void letSettingsApply() {
        pause(Duration.ofMillis(1500));
    }
}
