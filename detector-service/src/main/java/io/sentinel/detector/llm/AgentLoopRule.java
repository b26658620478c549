package io.sentinel.detector.llm;

import io.sentinel.detector.limits.KeyFamily;
import io.sentinel.detector.limits.KeyLimits;
import io.sentinel.detector.rule.DetectionContext;
import io.sentinel.detector.rule.DetectionRule;
import io.sentinel.detector.rule.Finding;
import io.sentinel.detector.rule.Fingerprint;
import io.sentinel.detector.rule.ScheduledRule;
import io.sentinel.events.incident.Observation;
import io.sentinel.events.settings.detector.LlmSetting;
import io.sentinel.events.signal.LlmTrace;
import io.sentinel.events.signal.LlmTraceBatch;
import io.sentinel.events.signal.SignalEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Rule {@code llm-agent-loop}: an agent run that goes round in circles (see {@link LoopCheck}). One
 * incident per (application, agent), not per run: every looping run of the agent is counted on it,
 * and it clears once no run of the agent has looped for {@code quiet-for}.
 */
@Component
public final class AgentLoopRule implements DetectionRule, ScheduledRule {

    public static final String RULE = "llm-agent-loop";
    static final String SIGNAL = "llm_trace_generations";
    static final int CLEARS_PER_TICK = 500;
    private static final Logger log = LoggerFactory.getLogger(AgentLoopRule.class);

    private final LlmSettings settings;
    private final KeyLimits keyLimits;

    public AgentLoopRule(LlmSettings settings, KeyLimits keyLimits) {
        this.settings = settings;
        this.keyLimits = keyLimits;
    }

    @Override
    public String family() {
        return RULE;
    }

    @Override
    public List<Finding> onSignal(SignalEvent signal, DetectionContext context) {
        if (!(signal instanceof LlmTraceBatch batch)) {
            return List.of();
        }
        LlmSetting.AgentLoop limits = settings.current().agentLoop();
        AgentTraceStore traces = context.store(AgentTraceStore.class);
        Episodes episodes = context.store(Episodes.class);
        String application = batch.resource();
        List<Finding> findings = new ArrayList<>();
        for (LlmTrace piece : batch.traces()) {
            Optional<AgentTrace> known = traces.find(application, piece.traceId());
            if (known.isEmpty() && !keyLimits.admit(KeyFamily.AGENT_TRACES)) {
                continue;
            }
            AgentTrace trace = known.orElseGet(() -> AgentTrace.of(piece)).absorb(piece, limits.maxObservationsPerTrace());
            traces.save(application, piece.traceId(), trace);
            Optional<LoopCheck.Verdict> verdict = LoopCheck.judge(trace, limits);
            if (verdict.isPresent()) {
                String fingerprint = fingerprint(application, trace.agent());
                episodes.seen(fingerprint, RULE, application, trace.lastAt());
                findings.add(firing(batch, piece.traceId(), trace, verdict.get(), limits));
            }
        }
        int forgotten = traces.forgetBeyond(application, limits.maxTracesPerApplication());
        if (forgotten > 0) {
            log.info("agent runs capped application={} forgotten={} max={}", application, forgotten, limits.maxTracesPerApplication());
        }
        return findings;
    }

    @Override
    public List<Finding> onTick(DetectionContext context) {
        LlmSetting.AgentLoop limits = settings.current().agentLoop();
        context.store(AgentTraceStore.class).expire(context.now().minus(limits.window()));
        List<Finding> cleared = new ArrayList<>();
        List<Episodes.Ended> quiet = context.store(Episodes.class)
                .endQuietSince(RULE, context.now().minus(limits.quietFor()), CLEARS_PER_TICK);
        for (Episodes.Ended ended : quiet) {
            cleared.add(new Finding.Cleared(ended.fingerprint(), new Observation(SIGNAL, null, null,
                    "no looping run for " + Wording.duration(limits.quietFor()) + " (last at " + ended.lastSeen() + ")", context.now())));
        }
        return cleared;
    }

    static String fingerprint(String application, String agent) {
        return Fingerprint.of(RULE, application, Map.of("agent", agent));
    }

    private static Finding.Firing firing(LlmTraceBatch batch, String traceId, AgentTrace trace, LoopCheck.Verdict verdict,
                                         LlmSetting.AgentLoop limits) {
        Map<String, String> labels = new HashMap<>(batch.labels());
        labels.put("agent", trace.agent());
        String detail = "trace " + traceId + " of agent " + trace.agent() + ": " + String.join("; ", verdict.signs());
        return new Finding.Firing(fingerprint(batch.resource(), trace.agent()), RULE, batch.resource(), labels, verdict.severity(),
                "Agent loop in " + batch.resource() + ": " + trace.agent(),
                new Observation(SIGNAL, (double) trace.generations(), (double) limits.warningGenerations(), detail, trace.lastAt()), null);
    }
}
