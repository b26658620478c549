package io.sentinel.detector.noise;

import io.micrometer.core.instrument.MeterRegistry;
import io.sentinel.detector.incident.IncidentLabels;
import io.sentinel.detector.rule.Finding;
import io.sentinel.runtime.settings.RuntimeSettings;
import io.sentinel.runtime.settings.SettingValues;
import io.sentinel.runtime.settings.SettingsView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Decides whether a condition that fired deserves a new incident: not while a matching silence is
 * active, not while an open incident inhibits it, not beyond the storm budget ({@link IncidentStorm}). Configured in {@code sentinel.detector.noise};
 * the runtime setting {@code detector.silences} adds silences to the configured ones, while
 * {@code detector.inhibitions} and {@code detector.flapping} replace theirs.
 */
public final class NoiseControl {

    public static final String SILENCES = "detector.silences";
    public static final String INHIBITIONS = "detector.inhibitions";
    public static final String FLAPPING = "detector.flapping";

    private final SettingsView<List<Silence>> silences;
    private final SettingsView<List<InhibitionRule>> inhibitions;
    private final SettingsView<FlapDetection> flapping;
    private final MeterRegistry meters;
    private final IncidentStorm storm;
    private final SuppressionLog suppressionLog = new SuppressionLog();

    public NoiseControl(NoiseProperties configured, RuntimeSettings settings, SettingValues values, MeterRegistry meters) {
        this.meters = meters;
        this.storm = new IncidentStorm(configured.storm().maxOpeningsPerMinute(), meters);
        List<Silence> configuredSilences = toSilences(configured.silences(), "sentinel.detector.noise.silences");
        // Silences added at runtime join the configured ones: adding one through the API must not lift the others.
        this.silences = new SettingsView<>(settings, () -> {
            List<Silence> all = new ArrayList<>(configuredSilences);
            settings.get(SILENCES).ifPresent(json -> all.addAll(toSilences(values.readList(json, NoiseProperties.SilenceDefinition.class, SILENCES),
                    SILENCES)));
            return List.copyOf(all);
        });
        this.inhibitions = new SettingsView<>(settings, () -> settings.get(INHIBITIONS)
                .map(json -> toInhibitions(values.readList(json, NoiseProperties.InhibitionDefinition.class, INHIBITIONS), INHIBITIONS))
                .orElseGet(() -> toInhibitions(configured.inhibitions(), "sentinel.detector.noise.inhibitions")));
        this.flapping = new SettingsView<>(settings, () -> settings.get(FLAPPING)
                .map(json -> values.read(json, NoiseProperties.FlappingDefinition.class, FLAPPING).toDetection())
                .orElseGet(() -> configured.flapping().toDetection()));
        // Fail at start-up, naming the property, rather than at the first incident.
        this.silences.get();
        this.inhibitions.get();
        this.flapping.get();
    }

    /** Why the firing condition must not open an incident now, if it must not. */
    public Optional<String> suppression(Finding.Firing firing, Instant at, List<IncidentLabels> openIncidents) {
        Map<String, String> labels = IncidentLabels.matchLabels(firing);
        for (Silence silence : silences.get()) {
            if (silence.covers(labels, at)) {
                String comment = silence.comment() == null ? "" : " (" + silence.comment() + ")";
                return suppressed(firing, at, "silenced", "silenced by " + silence.id() + comment);
            }
        }
        for (InhibitionRule rule : inhibitions.get()) {
            for (IncidentLabels open : openIncidents) {
                if (!open.fingerprint().equals(firing.fingerprint()) && rule.inhibits(open.labels(), labels)) {
                    return suppressed(firing, at, "inhibited", "inhibited by open incident " + open.incidentId() + " (rule " + rule.name() + ")");
                }
            }
        }
        return Optional.empty();
    }

    public FlapDetection flapDetection() {
        return flapping.get();
    }

    public IncidentStorm storm() {
        return storm;
    }

    private Optional<String> suppressed(Finding.Firing firing, Instant at, String reason, String detail) {
        meters.counter("sentinel.detector.suppressed", "reason", reason).increment();
        suppressionLog.suppressed(firing.fingerprint(), reason, detail, at);
        return Optional.of(detail);
    }

    private static List<Silence> toSilences(List<NoiseProperties.SilenceDefinition> definitions, String property) {
        List<Silence> result = new ArrayList<>();
        IntStream.range(0, definitions.size()).forEach(i -> result.add(definitions.get(i).toSilence(property + "[" + i + "]")));
        return List.copyOf(result);
    }

    private static List<InhibitionRule> toInhibitions(List<NoiseProperties.InhibitionDefinition> definitions, String property) {
        List<InhibitionRule> result = new ArrayList<>();
        IntStream.range(0, definitions.size()).forEach(i -> result.add(definitions.get(i).toRule(property + "[" + i + "]")));
        return List.copyOf(result);
    }
}
