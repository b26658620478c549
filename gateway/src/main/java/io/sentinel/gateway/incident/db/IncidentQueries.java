package io.sentinel.gateway.incident.db;

import io.sentinel.gateway.approval.db.ApprovalDao;
import io.sentinel.gateway.incident.Incident;
import io.sentinel.gateway.incident.IncidentState;
import io.sentinel.gateway.incident.IncidentSummary;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.springframework.stereotype.Component;

/** Reads the incident read model. */
@Component
public class IncidentQueries {

    private final Jdbi jdbi;

    public IncidentQueries(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Newest first: by when the incident opened, or for one whose IncidentOpened has not arrived, when it was last heard of. */
    public List<IncidentSummary> list(Optional<IncidentState> state, int limit) {
        return jdbi.withExtension(IncidentViewDao.class, incidents -> incidents.list(state.orElse(null), limit));
    }

    public boolean exists(String incidentId) {
        return jdbi.withExtension(IncidentViewDao.class, incidents -> incidents.exists(incidentId));
    }

    /** The incident with its timeline and approvals, read in one transaction so that they agree. */
    public Optional<Incident> find(String incidentId) {
        return jdbi.inTransaction(handle -> handle.attach(IncidentViewDao.class).find(incidentId)
                .map(row -> row.incident(handle.attach(TimelineDao.class).entries(incidentId),
                        handle.attach(ApprovalDao.class).forIncident(incidentId))));
    }
}
