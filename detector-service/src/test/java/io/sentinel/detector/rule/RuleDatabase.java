package io.sentinel.detector.rule;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sentinel.detector.incident.IncidentLifecycle;
import io.sentinel.detector.incident.IncidentManager;
import io.sentinel.detector.incident.IncidentProperties;
import io.sentinel.detector.noise.NoiseControl;
import io.sentinel.detector.noise.NoiseProperties;
import io.sentinel.runtime.settings.RuntimeSettings;
import io.sentinel.runtime.settings.SettingValues;
import io.sentinel.events.EventCodec;
import io.sentinel.events.EventEnvelope;
import io.sentinel.events.EventIds;
import io.sentinel.events.TraceParent;
import io.sentinel.events.config.ConfigEvent;
import io.sentinel.events.config.SettingChanged;
import io.sentinel.events.incident.IncidentEvent;
import io.sentinel.events.signal.SignalEvent;
import io.sentinel.testkit.DatabaseCoordinates;
import io.sentinel.testkit.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.spi.JdbiPlugin;
import tools.jackson.databind.json.JsonMapper;

/**
 * The detector's schema on the tests' real PostgreSQL, migrated by Flyway, with the real incident
 * manager: rules run here as the engine runs them (one transaction per signal or tick, findings
 * turned into incidents), so a test can check what they persist. A new rule instance over the same
 * database is a restarted detector. Every rule family's tests use it.
 */
public final class RuleDatabase {

    private static RuleDatabase shared;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Jdbi jdbi;
    private final IncidentManager incidents;
    private final List<IncidentEvent> published = new CopyOnWriteArrayList<>();

    /** Rule tests share schemas and sample times: a budget no rule test comes near, but the storm test's own. */
    static final int RULE_TESTS_STORM_BUDGET = 1_000_000;

    private RuleDatabase(Jdbi jdbi, int maxOpeningsPerMinute) {
        this.jdbi = jdbi;
        var noise = new NoiseControl(new NoiseProperties(null, null, new NoiseProperties.FlappingDefinition(Duration.ofHours(1), 4,
                Duration.ofMinutes(15)), new NoiseProperties.StormDefinition(maxOpeningsPerMinute)), new RuntimeSettings(), new SettingValues(),
                new SimpleMeterRegistry());
        this.incidents = new IncidentManager(new IncidentProperties(Duration.ofMinutes(5)), noise, new IncidentLifecycle(),
                new EventCodec().mapper());
    }

    /** A schema of its own, migrated like the service's. */
    public static RuleDatabase migrated() {
        return migrated(RULE_TESTS_STORM_BUDGET);
    }

    /** A schema of its own, with an incident manager that opens at most {@code maxOpeningsPerMinute} incidents a minute. */
    public static RuleDatabase migrated(int maxOpeningsPerMinute) {
        DatabaseCoordinates db = TestInfrastructure.database();
        String schema = "rules_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        Flyway.configure().dataSource(db.jdbcUrl(), db.username(), db.password()).schemas(schema).defaultSchema(schema)
                .locations("classpath:db/migration/detector", "classpath:db/migration/runtime").load().migrate();
        String url = db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
        Jdbi jdbi = Jdbi.create(url, db.username(), db.password());
        // The plugins the service installs (SQL objects, PostgreSQL types), as the classpath declares them.
        ServiceLoader.load(JdbiPlugin.class).forEach(jdbi::installPlugin);
        return new RuleDatabase(jdbi, maxOpeningsPerMinute);
    }

    /** One schema for a whole test JVM, for tests that keep their rules apart by resource. */
    public static synchronized RuleDatabase shared() {
        if (shared == null) {
            shared = migrated();
        }
        return shared;
    }

    /** Any work in one detection transaction at {@code now}, without the incident manager: for tests of what a rule alone returns. */
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

    /** Findings straight to the incident manager, in one transaction at {@code now}, as a rule's would go. */
    public void apply(List<Finding> findings, Instant now) {
        inContext(now, context -> findings);
    }

    /** One tick of the incident manager's own work: settling flapping incidents, ending a storm. */
    public void tickIncidents(Instant now) {
        inContext(now, context -> {
            incidents.resolveSettled(context);
            incidents.endStorm(context);
            return List.of();
        });
    }

    /** Every incident event the incident manager published. */
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
        return new DetectionContext() {
            @Override
            public Handle handle() {
                return handle;
            }

            @Override
            public String causationId() {
                return causation;
            }

            @Override
            public Instant now() {
                return now;
            }

            @Override
            public void publish(IncidentEvent event, TraceParent trace) {
                handle.afterCommit(() -> published.add(event));
            }
        };
    }
}
