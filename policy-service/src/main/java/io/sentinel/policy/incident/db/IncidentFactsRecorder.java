package io.sentinel.policy.incident.db;

import io.sentinel.events.incident.IncidentEvent;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.incident.IncidentUpdated;
import io.sentinel.runtime.consume.EventContext;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps what policy rules may ask about an incident: its detector rule, severity and latest
 * observation. Opened once, updated in the incident's order (its events share a partition).
 */
@Component
public class IncidentFactsRecorder {

    private static final Logger log = LoggerFactory.getLogger(IncidentFactsRecorder.class);

    private final Clock clock;

    public IncidentFactsRecorder(Clock clock) {
        this.clock = clock;
    }

    public void onIncident(IncidentEvent event, EventContext context) {
        IncidentFactsDao facts = context.attach(IncidentFactsDao.class);
        switch (event) {
            case IncidentOpened opened -> facts.opened(opened.incidentId(), opened.rule(), opened.severity(),
                    opened.observation().signal(), opened.observation().value(), clock.instant());
            case IncidentUpdated updated -> {
                if (facts.updated(updated.incidentId(), updated.severity(), updated.observation().signal(), updated.observation().value(),
                        clock.instant()) == 0) {
                    log.info("no facts about incident incidentId={}: opened before the policy service kept them", updated.incidentId());
                }
            }
            default -> { }
        }
    }
}
