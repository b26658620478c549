package io.sentinel.detector.incident;

import io.sentinel.detector.noise.FlapDetection;
import io.sentinel.detector.noise.IncidentStorm;
import io.sentinel.detector.noise.NoiseControl;
import io.sentinel.detector.rule.DetectionContext;
import io.sentinel.detector.rule.Finding;
import io.sentinel.events.EventIds;
import io.sentinel.events.TraceParent;
import io.sentinel.events.incident.ConditionCleared;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.incident.IncidentUpdated;
import io.sentinel.events.incident.Observation;
import io.sentinel.events.incident.Resolution;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns what rules find into incidents: one open incident per fingerprint, repeats counted on it and
 * re-announced at most every update interval (or at once when the severity rises), new incidents
 * only when noise control allows and the storm budget is not spent (beyond it, the one storm incident
 * instead), clears that resolve, await a fix's verification, or wait for a flapping condition to settle.
 */
public final class IncidentManager {

    private static final Logger log = LoggerFactory.getLogger(IncidentManager.class);

    private final IncidentProperties properties;
    private final NoiseControl noise;
    private final IncidentLifecycle lifecycle;
    private final JsonMapper json;

    public IncidentManager(IncidentProperties properties, NoiseControl noise, IncidentLifecycle lifecycle, JsonMapper json) {
        this.properties = properties;
        this.noise = noise;
        this.lifecycle = lifecycle;
        this.json = json;
    }

    public void apply(List<Finding> findings, DetectionContext context) {
        for (Finding finding : findings) {
            switch (finding) {
                case Finding.Firing firing -> fire(firing, context);
                case Finding.Cleared cleared -> clear(cleared, context);
            }
        }
    }

    /** Clears the storm incident once a whole minute passed without a finding kept from opening. Called on every tick. */
    public void endStorm(DetectionContext context) {
        IncidentStorm storm = noise.storm();
        storm.calmed(context).ifPresent(calm -> {
            boolean stormFiring = context.attach(IncidentDao.class).findOpenByFingerprint(IncidentStorm.FINGERPRINT)
                    .filter(open -> open.phase() == IncidentPhase.FIRING).isPresent();
            if (stormFiring) {
                clear(calm, context);
            }
        });
    }

    /** Resolves flapping incidents whose condition has stayed clear long enough. Called on every tick. */
    public void resolveSettled(DetectionContext context) {
        FlapDetection flapping = noise.flapDetection();
        for (OpenIncident settled : context.attach(IncidentDao.class).settledSince(context.now().minus(flapping.stableFor()))) {
            lifecycle.resolve(context, settled, Resolution.CLEARED_BY_ITSELF,
                    "condition stayed clear for " + flapping.stableFor() + " after flapping", context.now());
        }
    }

    private void fire(Finding.Firing firing, DetectionContext context) {
        IncidentDao incidents = context.attach(IncidentDao.class);
        Optional<OpenIncident> existing = incidents.findOpenByFingerprint(firing.fingerprint());
        if (existing.isPresent()) {
            repeat(existing.get(), firing, context);
            return;
        }
        Instant at = firing.observation().observedAt();
        List<IncidentLabels> open = incidents.openIncidentLabels().stream().map(this::toLabels).toList();
        if (noise.suppression(firing, at, open).isPresent()) {
            return;
        }
        IncidentStorm storm = noise.storm();
        if (storm.allowsOpening(incidents.openedSince(context.now().minus(IncidentStorm.WINDOW), IncidentStorm.RULE))) {
            open(firing, context);
            return;
        }
        storm.suppress(firing, context);
        Optional<OpenIncident> ongoing = incidents.findOpenByFingerprint(IncidentStorm.FINGERPRINT);
        if (ongoing.isPresent() && ongoing.get().phase() == IncidentPhase.FIRING && !updateDue(ongoing.get(), context.now())) {
            // Counted now, said with the next update: a storm of findings must not become a storm of updates.
            incidents.countOccurrence(ongoing.get().incidentId());
            return;
        }
        Finding.Firing stormFinding = storm.firing(firing, context);
        if (ongoing.isPresent()) {
            repeat(ongoing.get(), stormFinding, context);
        } else if (noise.suppression(stormFinding, stormFinding.observation().observedAt(), open).isEmpty()) {
            log.warn("incident storm: more than {} incidents opened within a minute; new ones are suppressed until a minute passes "
                    + "without one (sentinel.detector.noise.storm.max-openings-per-minute)", storm.maxOpeningsPerMinute());
            open(stormFinding, context);
        }
    }

    private boolean updateDue(OpenIncident open, Instant at) {
        Instant lastAnnounced = open.lastUpdateAt() != null ? open.lastUpdateAt() : open.openedAt();
        return Duration.between(lastAnnounced, at).compareTo(properties.updateInterval()) >= 0;
    }

    private void open(Finding.Firing firing, DetectionContext context) {
        String incidentId = EventIds.derive(context.causationId(), "incident|" + firing.fingerprint());
        TraceParent trace = TraceParent.root();
        Instant at = firing.observation().observedAt();
        context.attach(IncidentDao.class).insert(incidentId, firing.fingerprint(), firing.rule(), firing.resource(), trace.header(),
                firing.severity(), json.writeValueAsString(IncidentLabels.matchLabels(firing)), at, firing.target(), context.now());
        context.publish(new IncidentOpened(incidentId, context.causationId(), firing.fingerprint(), firing.rule(), firing.title(),
                firing.severity(), firing.resource(), firing.labels(), firing.observation(), at, firing.target()), trace);
        log.info("incident opened incidentId={} rule={} resource={} severity={} target={}", incidentId, firing.rule(), firing.resource(),
                firing.severity(), firing.target());
    }

    private void repeat(OpenIncident open, Finding.Firing firing, DetectionContext context) {
        IncidentDao incidents = context.attach(IncidentDao.class);
        incidents.countOccurrence(open.incidentId());
        long occurrences = open.occurrences() + 1;
        Instant at = firing.observation().observedAt();
        if (open.phase() == IncidentPhase.CLEARED) {
            incidents.markFiring(open.incidentId());
            announce(open, occurrences, firing, "condition returned after clearing", context);
        } else if (firing.severity().compareTo(open.severity()) > 0) {
            incidents.setSeverity(open.incidentId(), firing.severity());
            announce(open, occurrences, firing, "severity rose to " + firing.severity(), context);
        } else if (updateDue(open, at)) {
            announce(open, occurrences, firing, "condition persists", context);
        }
    }

    private void announce(OpenIncident open, long occurrences, Finding.Firing firing, String why, DetectionContext context) {
        Observation seen = firing.observation();
        Observation observation = new Observation(seen.signal(), seen.value(), seen.threshold(),
                seen.detail() == null ? why : why + ": " + seen.detail(), seen.observedAt());
        context.attach(IncidentDao.class).markUpdatePublished(open.incidentId(), seen.observedAt());
        context.publish(new IncidentUpdated(open.incidentId(), context.causationId(), occurrences,
                firing.severity().compareTo(open.severity()) > 0 ? firing.severity() : open.severity(), observation), open.trace());
    }

    private void clear(Finding.Cleared cleared, DetectionContext context) {
        IncidentDao incidents = context.attach(IncidentDao.class);
        Optional<OpenIncident> found = incidents.findOpenByFingerprint(cleared.fingerprint());
        if (found.isEmpty()) {
            return;
        }
        OpenIncident open = found.get();
        Instant at = cleared.observation().observedAt();
        context.publish(new ConditionCleared(open.incidentId(), context.causationId(), cleared.observation(), at), open.trace());
        if (open.remediation() == Remediation.RUNNING) {
            // A fix is being verified; the executor decides whether this clearing was the fix working.
            incidents.markCleared(open.incidentId(), at);
        } else if (isFlapping(open, at, context)) {
            incidents.markCleared(open.incidentId(), at);
            log.info("incident flapping incidentId={}: resolves only after the condition stays clear for {}", open.incidentId(),
                    noise.flapDetection().stableFor());
        } else {
            String summary = open.remediation() == Remediation.FAILED
                    ? "condition cleared after escalation"
                    : "condition cleared without remediation";
            lifecycle.resolve(context, open, Resolution.CLEARED_BY_ITSELF, summary, at);
        }
    }

    private boolean isFlapping(OpenIncident open, Instant at, DetectionContext context) {
        FlapDetection flapping = noise.flapDetection();
        long openings = context.attach(IncidentDao.class).openingsSince(open.fingerprint(), at.minus(flapping.window()));
        return openings >= flapping.maxOpenings();
    }

    private IncidentLabels toLabels(IncidentDao.StoredLabels stored) {
        Map<String, String> labels = json.readValue(stored.labels(),
                json.getTypeFactory().constructMapType(Map.class, String.class, String.class));
        return new IncidentLabels(stored.incidentId(), stored.fingerprint(), labels);
    }
}
