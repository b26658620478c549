package io.sentinel.detector.incident;

import io.sentinel.detector.rule.DetectionContext;
import io.sentinel.events.incident.IncidentEscalated;
import io.sentinel.events.incident.IncidentResolved;
import io.sentinel.events.incident.Resolution;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Ends incidents: the state change and its event, together. */
public final class IncidentLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IncidentLifecycle.class);

    public void resolve(DetectionContext context, OpenIncident incident, Resolution resolution, String summary, Instant at) {
        context.attach(IncidentDao.class).resolve(incident.incidentId(), at);
        context.publish(new IncidentResolved(incident.incidentId(), context.causationId(), resolution, summary, at), incident.trace());
        log.info("incident resolved incidentId={} resolution={} summary=\"{}\"", incident.incidentId(), resolution, summary);
    }

    public void escalate(DetectionContext context, OpenIncident incident, String reason, Instant at) {
        context.attach(IncidentDao.class).setRemediation(incident.incidentId(), Remediation.FAILED);
        context.publish(new IncidentEscalated(incident.incidentId(), context.causationId(), reason, at), incident.trace());
        log.info("incident escalated incidentId={} reason=\"{}\"", incident.incidentId(), reason);
    }
}
