package io.sentinel.detector.llm;

import io.sentinel.detector.limits.KeyFamily;
import io.sentinel.detector.limits.KeyLimits;
import io.sentinel.detector.rule.DetectionContext;
import io.sentinel.detector.rule.DetectionRule;
import io.sentinel.detector.rule.Finding;
import io.sentinel.detector.rule.Fingerprint;
import io.sentinel.detector.rule.Level;
import io.sentinel.events.incident.Observation;
import io.sentinel.events.incident.Severity;
import io.sentinel.events.settings.detector.LlmSetting;
import io.sentinel.events.signal.LlmObservation;
import io.sentinel.events.signal.LlmTrace;
import io.sentinel.events.signal.LlmTraceBatch;
import io.sentinel.events.signal.SignalEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Rule {@code llm-prompt-drift}, outputs: each generation's JSON outputs are learned into an
 * {@link OutputSchema} from its first {@code learn-outputs} JSON objects; afterwards, when more than
 * {@code max-violation-ratio} of its latest {@code recent-outputs} outputs do not match it (not JSON,
 * a key missing, a key of another type), the prompt or the model drifted. Failed generations and empty
 * outputs are not judged: failures are the error cascade's business.
 */
@Component
public final class OutputDriftRule implements DetectionRule {

    public static final String RULE = "llm-prompt-drift";
    static final String SIGNAL = "llm_output_schema_violation_ratio";

    private final LlmSettings settings;

    private final KeyLimits keyLimits;

    public OutputDriftRule(LlmSettings settings, KeyLimits keyLimits) {
        this.settings = settings;
        this.keyLimits = keyLimits;
    }

    @Override
    public String family() {
        return "llm-output-drift";
    }

    @Override
    public List<Finding> onSignal(SignalEvent signal, DetectionContext context) {
        if (!(signal instanceof LlmTraceBatch batch)) {
            return List.of();
        }
        LlmSetting.PromptDrift limits = settings.current().promptDrift();
        OutputSchemaStore store = context.store(OutputSchemaStore.class);
        List<Finding> findings = new ArrayList<>();
        for (Map.Entry<String, List<Output>> generation : outputsByGeneration(batch).entrySet()) {
            String name = generation.getKey();
            Optional<OutputSchemaStore.State> found = store.find(batch.resource(), name);
            if (found.isEmpty() && !keyLimits.admit(KeyFamily.LLM_GENERATIONS)) {
                continue;
            }
            OutputSchemaStore.State before = found.orElse(OutputSchemaStore.State.NEW);
            OutputSchemaStore.State after = judged(before, generation.getValue(), limits);
            Optional<Level> level = after.recent().level(limits.recentOutputs(), limits.maxViolationRatio());
            Instant at = generation.getValue().getLast().at();
            if (level.isPresent() && level.get() == Level.BREACHED) {
                after = new OutputSchemaStore.State(after.schema(), after.recent(), true, after.lastViolation());
                findings.add(firing(batch, name, after, limits, at));
            } else if (level.isPresent() && after.active()) {
                after = new OutputSchemaStore.State(after.schema(), after.recent(), false, after.lastViolation());
                findings.add(new Finding.Cleared(fingerprint(batch.resource(), name), observation(name, after, limits, at)));
            }
            store.save(batch.resource(), name, after);
        }
        return findings;
    }

    /** One generation's output and when it was produced. */
    record Output(String text, Instant at, String traceId) {
    }

    /** The state after learning from, or judging, each output in turn. Pure. */
    static OutputSchemaStore.State judged(OutputSchemaStore.State state, List<Output> outputs, LlmSetting.PromptDrift limits) {
        OutputSchema schema = state.schema();
        RecentOutcomes recent = state.recent();
        String lastViolation = state.lastViolation();
        for (Output output : outputs) {
            if (schema.learned() < limits.learnOutputs()) {
                Optional<JsonNode> json = OutputText.json(output.text());
                if (json.isPresent() && json.get().isObject()) {
                    schema = schema.learn(json.get());
                }
                continue;
            }
            Optional<String> violation = schema.violation(output.text());
            recent = recent.with(violation.isEmpty(), limits.recentOutputs());
            if (violation.isPresent()) {
                lastViolation = violation.get() + " (trace " + output.traceId() + ")";
            }
        }
        return new OutputSchemaStore.State(schema, recent, state.active(), lastViolation);
    }

    private static Map<String, List<Output>> outputsByGeneration(LlmTraceBatch batch) {
        Map<String, List<Output>> outputs = new LinkedHashMap<>();
        for (LlmTrace trace : batch.traces()) {
            for (LlmObservation generation : trace.generations()) {
                if (!generation.failed() && generation.output() != null && !generation.output().isBlank()) {
                    outputs.computeIfAbsent(generation.name(), name -> new ArrayList<>())
                            .add(new Output(generation.output(), generation.startTime(), trace.traceId()));
                }
            }
        }
        outputs.values().forEach(list -> list.sort(Comparator.comparing(Output::at)));
        return outputs;
    }

    static String fingerprint(String application, String generation) {
        return Fingerprint.of(RULE, application, Map.of("generation", generation));
    }

    private static Finding.Firing firing(LlmTraceBatch batch, String generation, OutputSchemaStore.State state,
                                         LlmSetting.PromptDrift limits, Instant at) {
        Map<String, String> labels = new HashMap<>(batch.labels());
        labels.put("generation", generation);
        return new Finding.Firing(fingerprint(batch.resource(), generation), RULE, batch.resource(), labels, Severity.WARNING,
                "Prompt drift in " + batch.resource() + ": outputs of " + generation + " no longer match their schema",
                observation(generation, state, limits, at), null);
    }

    private static Observation observation(String generation, OutputSchemaStore.State state, LlmSetting.PromptDrift limits, Instant at) {
        long violations = state.recent().violations(limits.recentOutputs());
        double ratio = (double) violations / limits.recentOutputs();
        String detail = violations + " of the latest " + limits.recentOutputs() + " outputs of " + generation
                + " do not match the schema learned from its first " + state.schema().learned() + " JSON outputs "
                + state.schema().keys() + (state.lastViolation() == null ? "" : "; latest: " + state.lastViolation());
        return new Observation(SIGNAL, ratio, limits.maxViolationRatio(), detail, at);
    }
}
