package io.sentinel.analyzer.heuristic;

import com.google.re2j.Pattern;
import io.sentinel.analyzer.context.IncidentContext;
import io.sentinel.analyzer.context.LogLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What is wrong with a Kubernetes workload, read from the incident and its context, and the
 * playbook that fixes each kind of wrong. Checked in order: a failure right after a rollout is the
 * rollout's fault even when it shows as a crash loop (a restart would bring the same bad version
 * back); a crash loop wants a clean restart of the workload; one stuck pod wants only that pod
 * replaced; CPU or memory pressure on a Deployment wants more replicas.
 *
 * @param indicator the fact that gave it away, quoted in the evidence
 */
record KubernetesSymptom(Kind kind, String indicator) {

    enum Kind {
        FAILED_ROLLOUT("k8s-rollout-undo", 0.6,
                "The failure started right after a rollout: the new revision is broken; rolling back to the previous one restores service"),
        CRASH_LOOP("k8s-rollout-restart", 0.5,
                "Containers of the workload crash and are restarted in a loop; a fresh rollout restart clears a wedged state"),
        STUCK_POD("k8s-delete-pod", 0.5,
                "One pod is stuck while the rest of the workload is healthy; deleting it lets its controller replace it"),
        RESOURCE_PRESSURE("k8s-scale-up", 0.5,
                "The Deployment runs out of CPU or memory under its load; more replicas spread the load");

        final String playbook;
        final double confidence;
        final String rootCause;

        Kind(String playbook, double confidence, String rootCause) {
            this.playbook = playbook;
            this.confidence = confidence;
            this.rootCause = rootCause;
        }
    }

    /**
     * What a rollout leaves in a workload's events and logs. Deliberately not the bare word "rollout":
     * a playbook's name (k8s-rollout-undo) in an injected line must not read as one.
     */
    private static final Pattern ROLLOUT = Pattern.compile(
            "(?i)(rolled out|new revision|revision [0-9]+|scaled up replica set|image (?:updated|changed) to|deployed version|"
                    + "deployment \\S{1,60} (?:updated|rolled))");
    private static final Pattern CRASH_LOOP = Pattern.compile("(?i)(crashloopbackoff|crash ?loop|back-off restarting|restarting failed container)");
    private static final Pattern STUCK = Pattern.compile(
            "(?i)(stuck|not ?ready|hung|hangs|deadlock|terminating for|containercreating|readiness probe failed|liveness probe failed|"
                    + "no progress)");
    private static final Pattern PRESSURE = Pattern.compile("(?i)(cpu|memory|throttl|oomkill)");
    private static final Set<String> CRASH_LOOP_RULES = Set.of("alert:KubePodCrashLooping", "container-crash-looping");
    private static final Set<String> STUCK_RULES = Set.of("alert:KubePodNotReady", "alert:KubeContainerWaiting", "queue-stuck",
            "heartbeat-missed", "metric-stale");
    private static final Set<String> PRESSURE_RULES = Set.of("memory-usage-high", "cpu-usage-high", "container-oom-killed", "alert:CPUThrottlingHigh",
            "alert:KubeMemoryOvercommit", "alert:KubeCPUOvercommit", "alert:KubeContainerMemoryHigh");

    static Optional<KubernetesSymptom> of(IncidentContext context, KubernetesWorkload workload) {
        String rule = context.incident().rule();
        List<String> facts = facts(context);
        Optional<String> rollout = first(facts, ROLLOUT);
        boolean pressure = PRESSURE_RULES.contains(rule) || (rule.startsWith("alert:") && PRESSURE.matcher(rule).find());
        if (rollout.isPresent() && !pressure) {
            return Optional.of(new KubernetesSymptom(Kind.FAILED_ROLLOUT, rollout.get()));
        }
        Optional<String> crashLoop = CRASH_LOOP_RULES.contains(rule) ? Optional.of("rule " + rule) : first(facts, CRASH_LOOP);
        if (crashLoop.isPresent()) {
            return Optional.of(new KubernetesSymptom(Kind.CRASH_LOOP, crashLoop.get()));
        }
        if (workload.pod() != null) {
            Optional<String> stuck = STUCK_RULES.contains(rule) ? Optional.of("rule " + rule) : first(facts, STUCK);
            if (stuck.isPresent()) {
                return Optional.of(new KubernetesSymptom(Kind.STUCK_POD, stuck.get()));
            }
        }
        if (pressure && workload.deployment()) {
            return Optional.of(new KubernetesSymptom(Kind.RESOURCE_PRESSURE, "rule " + rule + " on Deployment " + workload.name()));
        }
        return Optional.empty();
    }

    /** What the symptoms are read from: the incident's own words, its labels' reason, and the error lines first. */
    private static List<String> facts(IncidentContext context) {
        List<String> facts = new ArrayList<>();
        facts.add(context.incident().title());
        if (context.incident().observation().detail() != null) {
            facts.add(context.incident().observation().detail());
        }
        String reason = context.incident().labels().get("reason");
        if (reason != null) {
            facts.add("reason=" + reason);
        }
        context.logs().stream().map(LogLine::message).forEach(facts::add);
        return facts;
    }

    private static Optional<String> first(List<String> facts, Pattern pattern) {
        return facts.stream().filter(fact -> pattern.matcher(fact).find()).findFirst();
    }
}
