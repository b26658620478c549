package io.sentinel.analyzer.heuristic;

import io.sentinel.analyzer.context.IncidentContext;
import io.sentinel.events.analysis.AnalysisCompleted;
import io.sentinel.events.analysis.Analyst;
import io.sentinel.events.analysis.ProposedAction;
import io.sentinel.events.analysis.Risk;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.playbooks.ParameterSpec;
import io.sentinel.playbooks.PlaybookCatalog;
import io.sentinel.playbooks.ProposalCheck;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Explains an incident without a model. For a Kubernetes workload it reads the symptom
 * ({@link KubernetesSymptom}: failed rollout, crash loop, stuck pod, CPU or memory pressure) and
 * proposes the Kubernetes playbook that fixes it, when the catalog has that playbook; otherwise it
 * looks the detector rule up in a fixed table (rule to root cause and playbook). It knows nothing a
 * model would, and says so: every analysis it produces is labelled HEURISTIC with the reason no model
 * answered. Rules are matched by exact name, so an external alert (rule {@code alert:<name>}) reaches
 * a playbook only through a symptom or a mapping that names it. Pure: no clock, no I/O.
 */
public final class HeuristicAnalyst {

    private final Map<String, Heuristic> byRule;
    private final Set<String> elevateRiskIn;
    private final PlaybookCatalog catalog;

    HeuristicAnalyst(Collection<Heuristic> heuristics, Collection<String> elevateRiskIn, PlaybookCatalog catalog) {
        Map<String, Heuristic> rules = new LinkedHashMap<>();
        heuristics.forEach(heuristic -> rules.put(heuristic.rule(), heuristic));
        this.byRule = Map.copyOf(rules);
        this.elevateRiskIn = Set.copyOf(elevateRiskIn);
        this.catalog = catalog;
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
        return new HeuristicAnalyst(heuristics, properties.elevateRiskIn(), catalog);
    }

    /** The risk of running a playbook of this risk in this environment (ADR 0007). */
    public Risk riskIn(String environment, Risk playbookRisk) {
        return elevateRiskIn.contains(environment) ? playbookRisk.raised() : playbookRisk;
    }

    /**
     * @param causationId    the id of the event that carried the incident
     * @param fallbackReason why a heuristic answers rather than a model
     */
    public AnalysisCompleted analyze(IncidentContext context, String causationId, String fallbackReason) {
        IncidentOpened incident = context.incident();
        List<String> evidence = new ArrayList<>(IncidentEvidence.of(incident));
        Optional<Heuristic> kubernetes = kubernetes(context, evidence);
        Heuristic heuristic = kubernetes.orElse(byRule.get(incident.rule()));
        evidence.addAll(IncidentEvidence.ofContext(context));
        if (heuristic == null) {
            return new AnalysisCompleted(incident.incidentId(), causationId, Analyst.HEURISTIC, null, fallbackReason,
                    "No heuristic knows rule '" + incident.rule() + "'; a human needs to look", evidence, null, Risk.LOW, 0.0,
                    incident.resource(), context.environment(), incident.labels(), incident.target(), null, similarIds(context));
        }
        return new AnalysisCompleted(incident.incidentId(), causationId, Analyst.HEURISTIC, null, fallbackReason,
                heuristic.rootCause(), evidence, heuristic.action(), riskIn(context.environment(), heuristic.risk()), heuristic.confidence(),
                incident.resource(), context.environment(), incident.labels(), incident.target(), null, similarIds(context));
    }

    /** The Kubernetes playbook for the workload's symptom, when the catalog has it and its parameters can be filled. */
    private Optional<Heuristic> kubernetes(IncidentContext context, List<String> evidence) {
        Optional<KubernetesWorkload> workload = KubernetesWorkload.of(context.incident(), context.target());
        if (workload.isEmpty()) {
            return Optional.empty();
        }
        Optional<KubernetesSymptom> symptom = KubernetesSymptom.of(context, workload.get());
        if (symptom.isEmpty() || catalog.find(symptom.get().kind().playbook).isEmpty()) {
            return Optional.empty();
        }
        KubernetesSymptom.Kind kind = symptom.get().kind();
        Map<String, ParameterSpec> declared = catalog.find(kind.playbook).orElseThrow().parameters();
        ProposalCheck check = catalog.check(new ProposedAction(kind.playbook, parameters(declared, workload.get())));
        if (!check.valid()) {
            evidence.add("playbook " + kind.playbook + " would fit, but " + String.join("; ", check.problems()));
            return Optional.empty();
        }
        evidence.add("Kubernetes " + (workload.get().kind() == null ? "pod " + workload.get().pod()
                : workload.get().kind() + " " + workload.get().namespace() + "/" + workload.get().name()) + ": " + symptom.get().indicator());
        return Optional.of(new Heuristic(context.incident().rule(), new ProposedAction(kind.playbook, check.parameters()),
                check.playbook().risk(), kind.rootCause, kind.confidence));
    }

    /** The parameters a Kubernetes playbook declares that the workload can fill; the catalog checks their patterns. */
    private static Map<String, String> parameters(Map<String, ParameterSpec> declared, KubernetesWorkload workload) {
        Map<String, String> known = new LinkedHashMap<>();
        if (workload.pod() != null) {
            known.put("pod", workload.pod());
        }
        if (workload.namespace() != null) {
            known.put("namespace", workload.namespace());
        }
        if (workload.name() != null) {
            known.put("name", workload.name());
            known.put("workload", workload.name());
            known.put(workload.kind().toLowerCase(Locale.ROOT), workload.name());
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        known.forEach((name, value) -> {
            if (declared.containsKey(name)) {
                parameters.put(name, value);
            }
        });
        return parameters;
    }

    private static List<String> similarIds(IncidentContext context) {
        return context.similar().stream().map(past -> past.incidentId()).toList();
    }
}
