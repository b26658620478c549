package io.sentinel.detector.rule;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sentinel.detector.db.JdbiDetectionContext;
import io.sentinel.detector.incident.IncidentManager;
import io.sentinel.detector.incident.IncidentProperties;
import io.sentinel.detector.incident.IncidentSteps;
import io.sentinel.detector.noise.NoiseControl;
import io.sentinel.detector.noise.NoiseProperties;
import io.sentinel.events.EventEnvelope;
import io.sentinel.events.EventIds;
import io.sentinel.events.TraceParent;
import io.sentinel.events.config.ConfigEvent;
import io.sentinel.events.config.SettingChanged;
import io.sentinel.events.execution.ExecutionEvent;
import io.sentinel.events.incident.IncidentEvent;
import io.sentinel.events.settings.detector.FlappingSetting;
import io.sentinel.events.signal.SignalEvent;
import io.sentinel.runtime.db.SentinelJdbi;
import io.sentinel.runtime.settings.RuntimeOverlay;
import io.sentinel.runtime.settings.RuntimeSettings;
import io.sentinel.testkit.DatabaseCoordinates;
import io.sentinel.testkit.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The detector's schema on the tests' real PostgreSQL, migrated by Flyway, with the real incident
 * steps: rules run here as the engine runs them (one transaction per signal or tick, findings turned
 * into incidents), so a test can check what they persist. A new rule instance over the same database
 * is a restarted detector. For the rule families' persistence; what rules and the incident manager
 * decide is tested on values, without a database.
 */
public final class RuleDatabase {

    private static RuleDatabase shared;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Jdbi jdbi;
    private final IncidentSteps incidents;
    private final List<IncidentEvent> published = new CopyOnWriteArrayList<>();

    /** Rule tests share schemas and sample times: a budget no rule test comes near, but the storm test's own. */
    static final int RULE_TESTS_STORM_BUDGET = 1_000_000;

    private RuleDatabase(Jdbi jdbi, int maxOpeningsPerMinute) {
        this.jdbi = jdbi;
        var noise = new NoiseControl(new NoiseProperties(null, null, new FlappingSetting(Duration.ofHours(1), 4, Duration.ofMinutes(15)),
                new NoiseProperties.StormDefinition(maxOpeningsPerMinute)), new RuntimeOverlay(new RuntimeSettings()), new SimpleMeterRegistry());
        this.incidents = new IncidentSteps(new IncidentManager(new IncidentProperties(Duration.ofMinutes(5)), noise), new SimpleMeterRegistry());
    }

    /** A schema of its own, migrated like the service's. */
    public static RuleDatabase migrated() {
        return migrated(RULE_TESTS_STORM_BUDGET);
    }

    /** A schema of its own, with incident steps that open at most {@code maxOpeningsPerMinute} incidents a minute. */
    public static RuleDatabase migrated(int maxOpeningsPerMinute) {
        DatabaseCoordinates db = TestInfrastructure.database();
        String schema = "rules_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        Flyway.configure().dataSource(db.jdbcUrl(), db.username(), db.password()).schemas(schema).defaultSchema(schema)
                .locations("classpath:db/migration/detector", "classpath:db/migration/runtime").load().migrate();
        var dataSource = new PGSimpleDataSource();
        dataSource.setURL(db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema);
        dataSource.setUser(db.username());
        dataSource.setPassword(db.password());
        // The JDBI the service runs on: SQL objects, PostgreSQL types, @Json columns.
        return new RuleDatabase(SentinelJdbi.create(dataSource), maxOpeningsPerMinute);
    }

    /** One schema for a whole test JVM, for tests that keep their rules apart by resource. */
    public static synchronized RuleDatabase shared() {
        if (shared == null) {
            shared = migrated();
        }
        return shared;
    }

    /** Any work in one detection transaction at {@code now}, without the incident steps: for tests of what a rule alone returns. */
    public <T> T step(Instant now, Function<DetectionContext, T> work) {
        return jdbi.inTransaction(handle -> work.apply(context(handle, now, EventIds.random())));
    }

    /** One signal through one rule, in one transaction, as the engine does it; returns what the rule found. */
    public List<Finding> signal(DetectionRule rule, SignalEvent signal, Instant now) {
        return inContext(now, context -> rule.onSignal(signal, context));
    }

    /** One tick of one rule. */
    public List<Finding> tick(ScheduledRule rule, Instant now) {
        return inContext(now, rule::onTick);
    }

    /** Findings straight to the incident steps, in one transaction at {@code now}, as a rule's would go. */
    public void apply(List<Finding> findings, Instant now) {
        inContext(now, context -> findings);
    }

    /** An event of the executions topic (the executor's verdict), at {@code now}. */
    public void verdict(ExecutionEvent event, Instant now) {
        jdbi.useTransaction(handle -> incidents.onVerdict(event, context(handle, now, EventIds.random())));
    }

    /** One tick of the incident steps' own work: settling flapping incidents, ending a storm. */
    public void tickIncidents(Instant now) {
        String tick = EventIds.random();
        jdbi.useTransaction(handle -> {
            DetectionContext context = context(handle, now, tick);
            incidents.settle(context);
            incidents.endStorm(context);
        });
    }

    /** Every incident event the incident steps published. */
    public <E extends IncidentEvent> List<E> published(Class<E> type) {
        return published.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public <R> R query(Function<Handle, R> query) {
        return jdbi.withHandle(query::apply);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** Runtime settings with one setting applied, as the config topic would deliver it. */
    public static RuntimeSettings settings(String name, String json) {
        RuntimeSettings settings = new RuntimeSettings();
        settings.apply(new EventEnvelope<ConfigEvent>(EventIds.random(), "test", Instant.now(), TraceParent.root(),
                new SettingChanged(name, JSON.readTree(json), "test", Instant.now())));
        return settings;
    }

    /** The overlay of runtime settings with one setting applied. */
    public static RuntimeOverlay overlay(String name, String json) {
        return new RuntimeOverlay(settings(name, json));
    }

    /** The overlay of no runtime settings: configuration only. */
    public static RuntimeOverlay noSettings() {
        return new RuntimeOverlay(new RuntimeSettings());
    }

    private List<Finding> inContext(Instant now, Function<DetectionContext, List<Finding>> work) {
        String causation = EventIds.random();
        return jdbi.inTransaction(handle -> {
            DetectionContext context = context(handle, now, causation);
            List<Finding> findings = work.apply(context);
            incidents.apply(findings, context);
            return findings;
        });
    }

    private DetectionContext context(Handle handle, Instant now, String causation) {
        return new JdbiDetectionContext(handle, causation, now, (event, trace) -> handle.afterCommit(() -> published.add(event)));
    }
}
