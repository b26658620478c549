package io.sentinel.detector.incident;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sentinel.detector.noise.IncidentLabels;
import io.sentinel.detector.noise.IncidentStorm;
import io.sentinel.detector.noise.NoiseControl;
import io.sentinel.detector.noise.NoiseProperties;
import io.sentinel.detector.rule.Finding;
import io.sentinel.detector.rule.ValueContext;
import io.sentinel.events.execution.ExecutionEvent;
import io.sentinel.events.incident.IncidentEvent;
import io.sentinel.events.incident.Severity;
import io.sentinel.events.settings.detector.FlappingSetting;
import io.sentinel.runtime.settings.RuntimeOverlay;
import io.sentinel.runtime.settings.RuntimeSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Incidents as values, for the incident manager and the steps around it without a database: what
 * {@code incident.db.IncidentDao} keeps in {@code incident} and {@code storm_suppression}, in maps.
 * The real {@link IncidentSteps} and {@link IncidentManager} run on it; every unit of work is a
 * {@link ValueContext} at the given time, whose events land in {@link #published}.
 */
public final class InMemoryIncidents implements IncidentFacts, IncidentStore {

    /** An incident row. */
    private record Row(OpenIncident incident, Map<String, String> labels, Instant recordedAt, boolean resolved) {
    }

    private final Map<String, Row> incidents = new LinkedHashMap<>();
    private final Map<String, Instant> stormSuppressions = new LinkedHashMap<>();
    private final List<IncidentEvent> published = new ArrayList<>();
    private final AtomicLong causes = new AtomicLong();
    private final IncidentSteps steps;

    public InMemoryIncidents(FlappingSetting flapping, int maxOpeningsPerMinute) {
        var noise = new NoiseControl(new NoiseProperties(null, null, flapping, new NoiseProperties.StormDefinition(maxOpeningsPerMinute)),
                new RuntimeOverlay(new RuntimeSettings()), new SimpleMeterRegistry());
        this.steps = new IncidentSteps(new IncidentManager(new IncidentProperties(Duration.ofMinutes(5)), noise), new SimpleMeterRegistry());
    }

    /** Flapping after 3 openings within an hour, settled after 2 minutes clear; a storm budget nothing here comes near. */
    public static InMemoryIncidents standard() {
        return new InMemoryIncidents(new FlappingSetting(Duration.ofHours(1), 3, Duration.ofMinutes(2)), 1_000_000);
    }

    // ---- units of work, as the engine runs them ----

    public void findings(Instant now, Finding... findings) {
        ValueContext context = context(now);
        steps.apply(List.of(findings), context);
        published.addAll(context.published());
    }

    public void verdict(Instant now, ExecutionEvent verdict) {
        ValueContext context = context(now);
        steps.onVerdict(verdict, context);
        published.addAll(context.published());
    }

    public void tick(Instant now) {
        ValueContext context = context(now);
        steps.settle(context);
        steps.endStorm(context);
        published.addAll(context.published());
    }

    public <E extends IncidentEvent> List<E> published(Class<E> type) {
        return published.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Every incident ever opened of the fingerprint, oldest first, with whether it is resolved. */
    public List<OpenIncident> all(String fingerprint) {
        return incidents.values().stream().filter(row -> row.incident().fingerprint().equals(fingerprint)).map(Row::incident).toList();
    }

    public boolean resolved(String incidentId) {
        return incidents.get(incidentId).resolved();
    }

    private ValueContext context(Instant now) {
        return new ValueContext(now, "cause-" + causes.incrementAndGet(), Map.of(IncidentFacts.class, this, IncidentStore.class, this));
    }

    // ---- IncidentFacts ----

    @Override
    public Optional<OpenIncident> openByFingerprint(String fingerprint) {
        return open().filter(incident -> incident.fingerprint().equals(fingerprint)).findFirst();
    }

    @Override
    public Optional<OpenIncident> open(String incidentId) {
        return Optional.ofNullable(incidents.get(incidentId)).filter(row -> !row.resolved()).map(Row::incident);
    }

    @Override
    public List<IncidentLabels> openLabels() {
        return incidents.values().stream().filter(row -> !row.resolved())
                .map(row -> new IncidentLabels(row.incident().incidentId(), row.incident().fingerprint(), row.labels())).toList();
    }

    @Override
    public long openedSince(Instant since) {
        return incidents.values().stream().filter(row -> row.recordedAt().isAfter(since))
                .filter(row -> !row.incident().rule().equals(IncidentStorm.RULE)).count();
    }

    @Override
    public long openingsSince(String fingerprint, Instant since) {
        return incidents.values().stream().filter(row -> row.incident().fingerprint().equals(fingerprint))
                .filter(row -> row.incident().openedAt().isAfter(since)).count();
    }

    @Override
    public List<OpenIncident> settlingSince(Instant clearedBefore) {
        return open().filter(incident -> incident.phase() == IncidentPhase.SETTLING && incident.clearedAt().isBefore(clearedBefore)).toList();
    }

    @Override
    public long stormSuppressedSince(Instant since, String excluding) {
        return stormSuppressions.entrySet().stream().filter(entry -> entry.getValue().isAfter(since))
                .filter(entry -> !entry.getKey().equals(excluding)).count();
    }

    // ---- IncidentStore ----

    @Override
    public void insert(String incidentId, String fingerprint, String rule, String resource, String traceParent, Severity severity,
                       Map<String, String> labels, Instant openedAt, String target, Instant recordedAt) {
        incidents.put(incidentId, new Row(new OpenIncident(incidentId, fingerprint, rule, resource, traceParent, IncidentPhase.FIRING,
                severity, 1, openedAt, null, null, false, false, null), Map.copyOf(labels), recordedAt, false));
    }

    @Override
    public void countOccurrence(String incidentId) {
        update(incidentId, i -> with(i, i.phase(), i.occurrences() + 1, i.lastUpdateAt(), i.clearedAt(), i.flapping(), i.escalated(),
                i.returned(), i.severity()));
    }

    @Override
    public void markUpdatePublished(String incidentId, Instant at) {
        update(incidentId, i -> with(i, i.phase(), i.occurrences(), at, i.clearedAt(), i.flapping(), i.escalated(), i.returned(), i.severity()));
    }

    @Override
    public void setSeverity(String incidentId, Severity severity) {
        update(incidentId, i -> with(i, i.phase(), i.occurrences(), i.lastUpdateAt(), i.clearedAt(), i.flapping(), i.escalated(),
                i.returned(), severity));
    }

    @Override
    public void markFiring(String incidentId) {
        update(incidentId, i -> with(i, IncidentPhase.FIRING, i.occurrences(), i.lastUpdateAt(), null, i.flapping(), i.escalated(), null,
                i.severity()));
    }

    @Override
    public void markCleared(String incidentId, Instant at, boolean flapping) {
        update(incidentId, i -> with(i, IncidentPhase.CLEARED, i.occurrences(), i.lastUpdateAt(), at, flapping, i.escalated(), i.returned(),
                i.severity()));
    }

    @Override
    public void holdReturn(String incidentId, Finding.Firing returned) {
        update(incidentId, i -> with(i, i.phase(), i.occurrences(), i.lastUpdateAt(), i.clearedAt(), i.flapping(), i.escalated(), returned,
                i.severity()));
    }

    @Override
    public void dropReturn(String incidentId) {
        update(incidentId, i -> with(i, i.phase(), i.occurrences(), i.lastUpdateAt(), i.clearedAt(), i.flapping(), i.escalated(), null,
                i.severity()));
    }

    @Override
    public void markSettling(String incidentId) {
        update(incidentId, i -> with(i, IncidentPhase.SETTLING, i.occurrences(), i.lastUpdateAt(), i.clearedAt(), i.flapping(), i.escalated(),
                i.returned(), i.severity()));
    }

    @Override
    public void markEscalated(String incidentId) {
        update(incidentId, i -> with(i, i.phase(), i.occurrences(), i.lastUpdateAt(), i.clearedAt(), i.flapping(), true, i.returned(),
                i.severity()));
    }

    @Override
    public void resolve(String incidentId, Instant at) {
        Row row = incidents.get(incidentId);
        incidents.put(incidentId, new Row(row.incident(), row.labels(), row.recordedAt(), true));
    }

    @Override
    public void stormSuppressed(String fingerprint, Instant at) {
        stormSuppressions.merge(fingerprint, at, (before, now) -> now.isAfter(before) ? now : before);
    }

    @Override
    public void forgetStormSuppressionsBefore(Instant before) {
        stormSuppressions.values().removeIf(at -> !at.isAfter(before));
    }

    private java.util.stream.Stream<OpenIncident> open() {
        return incidents.values().stream().filter(row -> !row.resolved()).map(Row::incident);
    }

    private void update(String incidentId, java.util.function.UnaryOperator<OpenIncident> change) {
        Row row = incidents.get(incidentId);
        incidents.put(incidentId, new Row(change.apply(row.incident()), row.labels(), row.recordedAt(), row.resolved()));
    }

    private static OpenIncident with(OpenIncident i, IncidentPhase phase, long occurrences, Instant lastUpdateAt, Instant clearedAt,
                                     boolean flapping, boolean escalated, Finding.Firing returned, Severity severity) {
        return new OpenIncident(i.incidentId(), i.fingerprint(), i.rule(), i.resource(), i.traceParent(), phase, severity, occurrences,
                i.openedAt(), lastUpdateAt, clearedAt, flapping, escalated, returned);
    }
}
