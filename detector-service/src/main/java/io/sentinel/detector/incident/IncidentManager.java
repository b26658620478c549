package io.sentinel.detector.incident;

import io.sentinel.detector.noise.FlapDetection;
import io.sentinel.detector.noise.IncidentLabels;
import io.sentinel.detector.noise.IncidentStorm;
import io.sentinel.detector.noise.NoiseControl;
import io.sentinel.detector.rule.Finding;
import io.sentinel.events.EventIds;
import io.sentinel.events.TraceParent;
import io.sentinel.events.execution.ClearedWithoutRemediation;
import io.sentinel.events.execution.ExecutionEvent;
import io.sentinel.events.execution.RollbackFailed;
import io.sentinel.events.execution.RollbackSucceeded;
import io.sentinel.events.execution.VerificationPassed;
import io.sentinel.events.incident.ConditionCleared;
import io.sentinel.events.incident.IncidentEscalated;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.incident.IncidentResolved;
import io.sentinel.events.incident.IncidentUpdated;
import io.sentinel.events.incident.Observation;
import io.sentinel.events.incident.Resolution;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what findings and the executor's verdicts mean for incidents, and returns the decision
 * (changes and events) for {@link IncidentSteps} to apply. Works on values: what it reads comes from
 * {@link IncidentFacts}, it writes nothing itself.
 * <ul>
 *   <li>One open incident per fingerprint; repeats are counted on it and re-announced at most every
 *       update interval (or at once when the severity rises).</li>
 *   <li>A new incident only when noise control allows and the storm budget is not spent; beyond it,
 *       the one storm incident instead.</li>
 *   <li>When the condition clears, the detector says so ({@code ConditionCleared}, stamped with its own
 *       clock) and marks the incident cleared; it never resolves an incident by itself (ADR 0009). The
 *       executor's verdict ends it: {@code VerificationPassed} as remediated, {@code ClearedWithoutRemediation}
 *       as cleared by itself (a flapping incident once the condition has stayed clear), a rollback by
 *       escalating it to people.</li>
 *   <li>A condition that returns while its incident awaits the verdict is held, and opens a new incident
 *       once the verdict has ended the old one; so the verdict and the return lead to the same incidents
 *       whichever arrives first. A flapping incident takes its returns back instead.</li>
 * </ul>
 */
public final class IncidentManager {

    private static final Logger log = LoggerFactory.getLogger(IncidentManager.class);

    private final IncidentProperties properties;
    private final NoiseControl noise;

    public IncidentManager(IncidentProperties properties, NoiseControl noise) {
        this.properties = properties;
        this.noise = noise;
    }

    /**
     * @param now       the detector's clock when it handles what caused the finding
     * @param causation the id of what caused it: every event published continues from it
     */
    public IncidentDecision onFinding(Finding finding, IncidentFacts facts, Instant now, String causation) {
        var decision = new IncidentDecision.Builder();
        switch (finding) {
            case Finding.Firing firing -> fire(firing, facts, now, causation, decision);
            case Finding.Cleared cleared -> clear(cleared, facts, now, causation, decision);
        }
        return decision.build();
    }

    /** The executor's verdict on an incident: the only way an incident whose condition cleared ends. */
    public IncidentDecision onVerdict(ExecutionEvent verdict, IncidentFacts facts, Instant now, String causation) {
        Optional<OpenIncident> found = facts.open(verdict.incidentId());
        if (found.isEmpty()) {
            return IncidentDecision.NOTHING;
        }
        OpenIncident incident = found.get();
        var decision = new IncidentDecision.Builder();
        switch (verdict) {
            case VerificationPassed passed -> {
                resolve(incident, Resolution.REMEDIATED, "verified: " + passed.detail() + " (execution " + passed.executionId() + ")",
                        now, causation, decision);
                openReturned(incident, facts, now, causation, decision);
            }
            case ClearedWithoutRemediation cleared -> clearedWithoutRemediation(incident, facts, now, causation, decision);
            case RollbackSucceeded rolledBack -> giveUp(incident, "remediation " + rolledBack.executionId()
                    + " did not fix the incident and was rolled back: " + rolledBack.detail(), facts, now, causation, decision);
            case RollbackFailed rollbackFailed -> giveUp(incident, "remediation " + rollbackFailed.executionId()
                    + " failed and so did its rollback: " + rollbackFailed.reason(), facts, now, causation, decision);
            default -> {
                // Progress (started, steps, verification running) is the executor's own business.
            }
        }
        return decision.build();
    }

    /** On a tick: resolves settling (flapping) incidents whose condition has stayed clear for {@code stable-for}. */
    public IncidentDecision settle(IncidentFacts facts, Instant now, String causation) {
        FlapDetection flapping = noise.flapDetection();
        var decision = new IncidentDecision.Builder();
        for (OpenIncident settled : facts.settlingSince(now.minus(flapping.stableFor()))) {
            resolve(settled, Resolution.CLEARED_BY_ITSELF, "condition stayed clear for " + flapping.stableFor() + " after flapping", now,
                    causation, decision);
        }
        return decision.build();
    }

    /** On a tick: forgets suppressions older than a minute, and clears the storm incident once a whole minute had none. */
    public IncidentDecision endStorm(IncidentFacts facts, Instant now, String causation) {
        IncidentStorm storm = noise.storm();
        var decision = new IncidentDecision.Builder();
        Instant windowStart = now.minus(IncidentStorm.WINDOW);
        decision.change(new IncidentChange.ForgetStormSuppressions(windowStart));
        if (facts.stormSuppressedSince(windowStart, "") == 0) {
            facts.openByFingerprint(IncidentStorm.FINGERPRINT).filter(open -> open.phase() == IncidentPhase.FIRING)
                    .ifPresent(open -> clear(storm.calm(now), facts, now, causation, decision));
        }
        return decision.build();
    }

    private void fire(Finding.Firing firing, IncidentFacts facts, Instant now, String causation, IncidentDecision.Builder decision) {
        Optional<OpenIncident> existing = facts.openByFingerprint(firing.fingerprint());
        if (existing.isPresent()) {
            repeat(existing.get(), firing, now, causation, decision);
        } else {
            openIfAllowed(firing, facts, now, causation, decision);
        }
    }

    private void openIfAllowed(Finding.Firing firing, IncidentFacts facts, Instant now, String causation, IncidentDecision.Builder decision) {
        List<IncidentLabels> open = facts.openLabels();
        if (noise.suppression(firing, firing.observation().observedAt(), open).isPresent()) {
            return;
        }
        IncidentStorm storm = noise.storm();
        if (storm.allowsOpening(facts.openedSince(now.minus(IncidentStorm.WINDOW)))) {
            open(firing, now, causation, decision);
            return;
        }
        decision.change(new IncidentChange.StormSuppressed(firing.fingerprint(), now));
        Optional<OpenIncident> ongoing = facts.openByFingerprint(IncidentStorm.FINGERPRINT);
        if (ongoing.isPresent() && ongoing.get().phase() == IncidentPhase.FIRING && !updateDue(ongoing.get(), now)) {
            // Counted now, said with the next update: a storm of findings must not become a storm of updates.
            decision.change(new IncidentChange.CountOccurrence(ongoing.get().incidentId()));
            return;
        }
        long suppressed = facts.stormSuppressedSince(now.minus(IncidentStorm.WINDOW), firing.fingerprint()) + 1;
        Finding.Firing stormFinding = storm.firing(firing, suppressed, now);
        if (ongoing.isPresent()) {
            repeat(ongoing.get(), stormFinding, now, causation, decision);
        } else if (noise.suppression(stormFinding, stormFinding.observation().observedAt(), open).isEmpty()) {
            log.warn("incident storm: more than {} incidents opened within a minute; new ones are suppressed until a minute passes "
                    + "without one (sentinel.detector.noise.storm.max-openings-per-minute)", storm.maxOpeningsPerMinute());
            open(stormFinding, now, causation, decision);
        }
    }

    private boolean updateDue(OpenIncident open, Instant at) {
        Instant lastAnnounced = open.lastUpdateAt() != null ? open.lastUpdateAt() : open.openedAt();
        return Duration.between(lastAnnounced, at).compareTo(properties.updateInterval()) >= 0;
    }

    private void open(Finding.Firing firing, Instant now, String causation, IncidentDecision.Builder decision) {
        String incidentId = EventIds.derive(causation, "incident|" + firing.fingerprint());
        TraceParent trace = TraceParent.root();
        Instant at = firing.observation().observedAt();
        decision.change(new IncidentChange.Open(incidentId, firing.fingerprint(), firing.rule(), firing.resource(), trace.header(),
                firing.severity(), IncidentLabels.matchLabels(firing), at, firing.target(), now));
        decision.publish(new IncidentOpened(incidentId, causation, firing.fingerprint(), firing.rule(), firing.title(), firing.severity(),
                firing.resource(), firing.labels(), firing.observation(), at, firing.target()), trace);
    }

    private void repeat(OpenIncident open, Finding.Firing firing, Instant now, String causation, IncidentDecision.Builder decision) {
        long occurrences = open.occurrences() + 1;
        Instant at = firing.observation().observedAt();
        switch (open.phase()) {
            case CLEARED -> {
                if (!open.flapping()) {
                    // The executor has yet to answer the clearing: the return is a new episode, opened once the answer ends this one.
                    if (open.returned() == null) {
                        decision.change(new IncidentChange.HoldReturn(open.incidentId(), firing));
                    }
                    return;
                }
                decision.change(new IncidentChange.CountOccurrence(open.incidentId())).change(new IncidentChange.Refire(open.incidentId()));
                announce(open, occurrences, firing, "condition returned after clearing", causation, decision);
            }
            case SETTLING -> {
                decision.change(new IncidentChange.CountOccurrence(open.incidentId())).change(new IncidentChange.Refire(open.incidentId()));
                announce(open, occurrences, firing, "condition returned after clearing", causation, decision);
            }
            case FIRING -> {
                decision.change(new IncidentChange.CountOccurrence(open.incidentId()));
                if (firing.severity().compareTo(open.severity()) > 0) {
                    decision.change(new IncidentChange.RaiseSeverity(open.incidentId(), firing.severity()));
                    announce(open, occurrences, firing, "severity rose to " + firing.severity(), causation, decision);
                } else if (updateDue(open, at)) {
                    announce(open, occurrences, firing, "condition persists", causation, decision);
                }
            }
        }
    }

    private static void announce(OpenIncident open, long occurrences, Finding.Firing firing, String why, String causation,
                                 IncidentDecision.Builder decision) {
        Observation seen = firing.observation();
        Observation observation = new Observation(seen.signal(), seen.value(), seen.threshold(),
                seen.detail() == null ? why : why + ": " + seen.detail(), seen.observedAt());
        decision.change(new IncidentChange.Announced(open.incidentId(), seen.observedAt()));
        decision.publish(new IncidentUpdated(open.incidentId(), causation, occurrences,
                firing.severity().compareTo(open.severity()) > 0 ? firing.severity() : open.severity(), observation), open.trace());
    }

    private void clear(Finding.Cleared cleared, IncidentFacts facts, Instant now, String causation, IncidentDecision.Builder decision) {
        Optional<OpenIncident> found = facts.openByFingerprint(cleared.fingerprint());
        if (found.isEmpty()) {
            return;
        }
        OpenIncident open = found.get();
        switch (open.phase()) {
            case FIRING -> {
                boolean flapping = isFlapping(open, cleared.observation().observedAt(), facts);
                // The detector's own clock: a source's clock may be wrong, and the executor's verification window is judged by it.
                decision.change(new IncidentChange.Clear(open.incidentId(), now, flapping));
                decision.publish(new ConditionCleared(open.incidentId(), causation, cleared.observation(), now), open.trace());
                if (flapping) {
                    log.info("incident flapping incidentId={}: resolves only after the condition stays clear for {}", open.incidentId(),
                            noise.flapDetection().stableFor());
                }
            }
            case CLEARED -> {
                if (open.returned() != null) {
                    // It came back and went again before the verdict: a blip, not an incident of its own.
                    decision.change(new IncidentChange.DropReturn(open.incidentId()));
                }
            }
            case SETTLING -> {
                // Cleared already; the settling goes on.
            }
        }
    }

    private boolean isFlapping(OpenIncident open, Instant at, IncidentFacts facts) {
        FlapDetection flapping = noise.flapDetection();
        return facts.openingsSince(open.fingerprint(), at.minus(flapping.window())) >= flapping.maxOpenings();
    }

    private void clearedWithoutRemediation(OpenIncident incident, IncidentFacts facts, Instant now, String causation,
                                           IncidentDecision.Builder decision) {
        switch (incident.phase()) {
            case FIRING -> log.info("verdict ignored incidentId={}: the condition cleared without remediation, but it is present again "
                    + "(a flapping incident takes its returns back)", incident.incidentId());
            case SETTLING -> {
                // Answered before: the settling goes on.
            }
            case CLEARED -> {
                if (incident.flapping()) {
                    decision.change(new IncidentChange.Settle(incident.incidentId()));
                    return;
                }
                resolve(incident, Resolution.CLEARED_BY_ITSELF, incident.escalated() ? "condition cleared after escalation"
                        : "condition cleared without remediation", now, causation, decision);
                openReturned(incident, facts, now, causation, decision);
            }
        }
    }

    private void giveUp(OpenIncident incident, String reason, IncidentFacts facts, Instant now, String causation,
                        IncidentDecision.Builder decision) {
        decision.change(new IncidentChange.Escalate(incident.incidentId()));
        decision.publish(new IncidentEscalated(incident.incidentId(), causation, reason, now), incident.trace());
        if (incident.phase() != IncidentPhase.FIRING) {
            resolve(incident, Resolution.CLEARED_BY_ITSELF, "condition cleared after escalation", now, causation, decision);
            openReturned(incident, facts, now, causation, decision);
        }
    }

    private static void resolve(OpenIncident incident, Resolution resolution, String summary, Instant now, String causation,
                                IncidentDecision.Builder decision) {
        decision.change(new IncidentChange.Resolve(incident.incidentId(), now));
        decision.publish(new IncidentResolved(incident.incidentId(), causation, resolution, summary, now), incident.trace());
    }

    /** The return held while the incident awaited its verdict, now that the verdict ended it: a new incident, as any firing. */
    private void openReturned(OpenIncident ended, IncidentFacts facts, Instant now, String causation, IncidentDecision.Builder decision) {
        if (ended.returned() != null) {
            openIfAllowed(ended.returned(), facts, now, causation, decision);
        }
    }
}
