package io.sentinel.analyzer.heuristic;

import io.sentinel.events.analysis.AnalysisCompleted;
import io.sentinel.events.analysis.Analyst;
import io.sentinel.events.analysis.ProposedAction;
import io.sentinel.events.analysis.Risk;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.playbooks.PlaybookCatalog;
import io.sentinel.playbooks.ProposalCheck;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Explains an incident from a fixed table: detector rule to root cause and playbook. It knows nothing
 * a model would, and says so: every analysis it produces is labelled HEURISTIC with the reason no
 * model answered. Rules are matched by exact name, so an external alert (rule {@code alert:<name>})
 * reaches a playbook only through a mapping that names it. Pure: no clock, no I/O.
 */
public final class HeuristicAnalyst {

    private final Map<String, Heuristic> byRule;
    private final Set<String> elevateRiskIn;

    HeuristicAnalyst(Collection<Heuristic> heuristics, Collection<String> elevateRiskIn) {
        Map<String, Heuristic> rules = new LinkedHashMap<>();
        heuristics.forEach(heuristic -> rules.put(heuristic.rule(), heuristic));
        this.byRule = Map.copyOf(rules);
        this.elevateRiskIn = Set.copyOf(elevateRiskIn);
    }

    /**
     * Checks every mapping against the catalog, so that a typo in a playbook name or parameter stops
     * the analyzer at start-up instead of producing proposals the executor would refuse.
     */
    public static HeuristicAnalyst configure(HeuristicProperties properties, PlaybookCatalog catalog) {
        List<HeuristicProperties.RuleMapping> rules = properties.rules();
        List<Heuristic> heuristics = new ArrayList<>();
        for (int index = 0; index < rules.size(); index++) {
            HeuristicProperties.RuleMapping mapping = rules.get(index);
            ProposalCheck check = catalog.check(new ProposedAction(mapping.playbook(), mapping.parameters()));
            if (!check.valid()) {
                String property = HeuristicProperties.PREFIX + ".rules[" + index + "]" + (check.playbook() == null ? ".playbook" : ".parameters");
                throw new IllegalArgumentException(property + ": " + String.join("; ", check.problems()));
            }
            heuristics.add(new Heuristic(mapping.rule(), new ProposedAction(mapping.playbook(), check.parameters()),
                    check.playbook().risk(), mapping.rootCause(), mapping.confidence()));
        }
        return new HeuristicAnalyst(heuristics, properties.elevateRiskIn());
    }

    /**
     * @param causationId    the id of the event that carried the incident
     * @param environment    the incident's target's environment, from the inventory (the most
     *                       sensitive one when the incident names no listed target), never a label
     * @param fallbackReason why a heuristic answers rather than a model
     */
    public AnalysisCompleted analyze(IncidentOpened incident, String causationId, String environment, String fallbackReason) {
        List<String> evidence = IncidentEvidence.of(incident);
        Heuristic heuristic = byRule.get(incident.rule());
        if (heuristic == null) {
            return new AnalysisCompleted(incident.incidentId(), causationId, Analyst.HEURISTIC, null, fallbackReason,
                    "No heuristic knows rule '" + incident.rule() + "'; a human needs to look", evidence, null, Risk.LOW, 0.0,
                    incident.resource(), environment, incident.labels(), incident.target(), null, null);
        }
        Risk risk = elevateRiskIn.contains(environment) ? heuristic.risk().raised() : heuristic.risk();
        return new AnalysisCompleted(incident.incidentId(), causationId, Analyst.HEURISTIC, null, fallbackReason,
                heuristic.rootCause(), evidence, heuristic.action(), risk, heuristic.confidence(),
                incident.resource(), environment, incident.labels(), incident.target(), null, null);
    }
}
