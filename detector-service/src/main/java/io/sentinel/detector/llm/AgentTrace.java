package io.sentinel.detector.llm;

import io.sentinel.events.signal.LlmObservation;
import io.sentinel.events.signal.LlmObservationType;
import io.sentinel.events.signal.LlmTrace;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * What is known of one agent run so far. Traces arrive in pieces (and a collector may send the
 * observations it sent before again), so pieces are merged by observation id: each step counts once.
 * At most {@code maxObservations} distinct steps are remembered; past that the trace is far beyond any
 * loop threshold and further steps are not counted. Pure and immutable.
 *
 * @param agent          the trace's name: which agent this is
 * @param outputCounts   fingerprint of a normalised generation output → how often the agent produced it
 */
public record AgentTrace(String agent, Instant firstAt, Instant lastAt, Set<String> observationIds, int generations, double costUsd,
                         Map<String, Integer> outputCounts) {

    public AgentTrace {
        observationIds = Set.copyOf(observationIds);
        outputCounts = Map.copyOf(outputCounts);
    }

    public static AgentTrace of(LlmTrace firstPiece) {
        return new AgentTrace(firstPiece.name(), firstPiece.timestamp(), firstPiece.timestamp(), Set.of(), 0, 0, Map.of());
    }

    /** This trace with the steps of {@code piece} it had not seen yet. */
    public AgentTrace absorb(LlmTrace piece, int maxObservations) {
        Set<String> ids = new LinkedHashSet<>(observationIds);
        Map<String, Integer> outputs = new HashMap<>(outputCounts);
        Instant first = piece.timestamp().isBefore(firstAt) ? piece.timestamp() : firstAt;
        Instant last = piece.timestamp().isAfter(lastAt) ? piece.timestamp() : lastAt;
        int generationCount = generations;
        double cost = costUsd;
        for (LlmObservation step : piece.observations()) {
            if (ids.size() >= maxObservations || !ids.add(step.id())) {
                continue;
            }
            first = step.startTime().isBefore(first) ? step.startTime() : first;
            Instant ended = step.endTime() != null ? step.endTime() : step.startTime();
            last = ended.isAfter(last) ? ended : last;
            cost += step.costUsd() != null ? step.costUsd() : 0;
            if (step.type() == LlmObservationType.GENERATION) {
                generationCount++;
                if (step.output() != null && !step.output().isBlank()) {
                    outputs.merge(outputFingerprint(step.output()), 1, Integer::sum);
                }
            }
        }
        return new AgentTrace(agent, first, last, ids, generationCount, cost, outputs);
    }

    /** The most times the agent produced one and the same output. */
    public int mostRepeats() {
        return outputCounts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    /**
     * Cost per minute over the run so far, once it has lasted {@code minDuration}: before that a
     * single expensive call would read as a spending spree.
     */
    public OptionalDouble costPerMinute(Duration minDuration) {
        Duration lasted = Duration.between(firstAt, lastAt);
        return lasted.compareTo(minDuration) < 0 ? OptionalDouble.empty() : OptionalDouble.of(costUsd / (lasted.toMillis() / 60_000.0));
    }

    /** Outputs that differ only in spacing or case are the same output. */
    static String outputFingerprint(String output) {
        String normalised = output.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
