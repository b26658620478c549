package io.sentinel.gateway.web;

import io.sentinel.gateway.incident.Incident;
import io.sentinel.gateway.incident.IncidentState;
import io.sentinel.gateway.incident.IncidentSummary;
import io.sentinel.gateway.incident.db.IncidentQueries;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/incidents")
class IncidentController {

    static final int MAX_LIMIT = 500;

    private final IncidentQueries incidents;

    IncidentController(IncidentQueries incidents) {
        this.incidents = incidents;
    }

    /** Newest first, optionally only those in one state. */
    @GetMapping
    List<IncidentSummary> list(@RequestParam(required = false) String state, @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiProblems.badRequest("query parameter 'limit' must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        return incidents.list(parseState(state), limit);
    }

    @GetMapping("/{incidentId}")
    Incident get(@PathVariable String incidentId) {
        return incidents.find(incidentId).orElseThrow(() -> ApiProblems.notFound("No incident " + incidentId));
    }

    private static Optional<IncidentState> parseState(String state) {
        if (state == null || state.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(IncidentState.valueOf(state.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw ApiProblems.badRequest("query parameter 'state' must be one of " + Arrays.toString(IncidentState.values()));
        }
    }
}
