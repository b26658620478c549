package io.sentinel.gateway.incident.db;

import io.sentinel.events.EventCodec;
import io.sentinel.events.EventEnvelope;
import io.sentinel.events.EventTypes;
import io.sentinel.events.IncidentScoped;
import io.sentinel.events.analysis.AnalysisCompleted;
import io.sentinel.events.analysis.ProposedAction;
import io.sentinel.events.decision.ActionAuthorized;
import io.sentinel.events.decision.ActionBlocked;
import io.sentinel.events.decision.ApprovalRequested;
import io.sentinel.events.execution.ExecutionStarted;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.incident.IncidentResolved;
import io.sentinel.gateway.incident.IncidentStateMachine;
import io.sentinel.gateway.incident.IncidentStatus;
import io.sentinel.gateway.incident.TimelineSummary;
import io.sentinel.runtime.consume.EventContext;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Folds every event about an incident into {@code incident_view} and {@code timeline_entry}. An
 * event may arrive before the incident's IncidentOpened (topics are consumed independently): the
 * row is then created from that event and completed when IncidentOpened arrives. Nothing here
 * rejects an event; whatever it is, it lands on the timeline.
 */
@Component
public class IncidentProjection {

    private static final Logger log = LoggerFactory.getLogger(IncidentProjection.class);

    private final EventCodec codec;

    public IncidentProjection(EventCodec codec) {
        this.codec = codec;
    }

    public void apply(EventEnvelope<? extends IncidentScoped> envelope, EventContext context) {
        IncidentScoped event = envelope.event();
        String incidentId = event.incidentId();
        String type = EventTypes.name(event.getClass());
        IncidentViewDao incidents = context.attach(IncidentViewDao.class);

        incidents.createIfAbsent(incidentId, envelope.time(), envelope.traceParent().traceId());
        IncidentStatus current = incidents.lockStatus(incidentId);
        IncidentStatus next = IncidentStateMachine.next(current, event, envelope.time());
        if (!next.equals(current)) {
            incidents.setStatus(incidentId, next.state(), next.since());
            if (next.state() != current.state()) {
                log.info("incident state changed incidentId={} from={} to={} event={}", incidentId, current.state(), next.state(), type);
            }
        }
        incidents.touch(incidentId, envelope.time());
        recordFacts(envelope, incidents);

        context.attach(TimelineDao.class).append(envelope.id(), incidentId, envelope.time(), type, envelope.source(),
                TimelineSummary.of(event), codec.mapper().readTree(codec.encode(event)), envelope.traceParent().traceId());
    }

    private void recordFacts(EventEnvelope<? extends IncidentScoped> envelope, IncidentViewDao incidents) {
        switch (envelope.event()) {
            // The environment is the inventory's, as the analyzer and the policy name it; an 'environment'
            // label is whatever the signal's sender wrote, so it never decides what an approver is shown.
            case IncidentOpened opened -> incidents.recordOpened(opened.incidentId(), opened.title(), opened.severity(),
                    opened.resource(), null, opened.rule(), opened.fingerprint(),
                    labels(opened.labels()), opened.openedAt(), envelope.traceParent().traceId());
            case AnalysisCompleted analysis -> {
                incidents.recordAnalysis(analysis.incidentId(), analysis.analyst(), TimelineSummary.analystLabel(analysis), analysis.rootCause(),
                        analysis.evidence(), analysis.confidence(), analysis.fallbackReason(), analysis.usage(), analysis.similarIncidents(),
                        playbookOf(analysis.proposedAction()), analysis.risk());
                incidents.fillContext(analysis.incidentId(), analysis.resource(), labels(analysis.labels()));
                incidents.recordEnvironment(analysis.incidentId(), analysis.environment());
            }
            case ApprovalRequested requested -> {
                incidents.recordAction(requested.incidentId(), requested.action().playbookId(), requested.risk(), requested.approvalId());
                incidents.fillContext(requested.incidentId(), requested.resource(), null);
                incidents.recordEnvironment(requested.incidentId(), requested.environment());
            }
            case ActionAuthorized authorized -> {
                incidents.recordAction(authorized.incidentId(), authorized.action().playbookId(), authorized.risk(), authorized.approvalId());
                incidents.fillContext(authorized.incidentId(), authorized.resource(), labels(authorized.labels()));
                incidents.recordEnvironment(authorized.incidentId(), authorized.environment());
            }
            case ActionBlocked blocked -> incidents.recordAction(blocked.incidentId(), blocked.action().playbookId(), blocked.risk(), null);
            case ExecutionStarted started -> incidents.recordAction(started.incidentId(), started.playbookId(), null, null);
            case IncidentResolved resolved -> incidents.recordResolution(resolved.incidentId(), resolved.resolution(), resolved.resolvedAt());
            default -> {
                // Everything else only adds to the timeline.
            }
        }
    }

    private static String playbookOf(ProposedAction action) {
        return action == null ? null : action.playbookId();
    }

    /** Null for no labels, so that an event without labels never blanks the ones another event brought. */
    private static Map<String, String> labels(Map<String, String> labels) {
        return labels == null || labels.isEmpty() ? null : labels;
    }
}
