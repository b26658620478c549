package io.sentinel.detector.rule;

import io.sentinel.events.incident.Observation;
import io.sentinel.events.incident.Severity;
import java.util.Map;

/** What a rule concluded about one fingerprint; the incident manager decides what it means for incidents. */
public sealed interface Finding {

    /** "The same problem": rule plus what it is about (see {@code Fingerprint}). */
    String fingerprint();

    Observation observation();

    /**
     * The condition holds (first time, or again).
     *
     * @param labels the resource's and the series' labels; silences and inhibitions match on them
     * @param target the inventory target the signals were about, as the collector's own configuration named it
     *               ({@code MetricBatch.target}); null for everything senders reported (alerts, logs, heartbeats,
     *               LLM traces), which can name no target
     */
    record Firing(String fingerprint, String rule, String resource, Map<String, String> labels, Severity severity, String title,
                  Observation observation, String target) implements Finding {

        public Firing {
            labels = Map.copyOf(labels);
        }
    }

    /** The condition no longer holds. */
    record Cleared(String fingerprint, Observation observation) implements Finding {
    }
}
