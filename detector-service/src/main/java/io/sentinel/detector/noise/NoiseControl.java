package io.sentinel.detector.noise;

import io.micrometer.core.instrument.MeterRegistry;
import io.sentinel.detector.rule.Finding;
import io.sentinel.events.settings.SettingContracts;
import io.sentinel.runtime.settings.RuntimeOverlay;
import io.sentinel.runtime.settings.SettingsView;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether a condition that fired deserves a new incident: not while a matching silence is
 * active, not while an open incident inhibits it, not beyond the storm budget ({@link IncidentStorm}).
 * Configured in {@code sentinel.detector.noise}, overlaid by the runtime settings: {@code detector.silences}
 * adds silences to the configured ones, {@code detector.inhibitions} and {@code detector.flapping} replace theirs.
 */
public final class NoiseControl {

    private final SettingsView<List<Silence>> silences;
    private final SettingsView<List<Inhibition>> inhibitions;
    private final SettingsView<FlapDetection> flapping;
    private final MeterRegistry meters;
    private final IncidentStorm storm;
    private final SuppressionLog suppressionLog = new SuppressionLog();

    public NoiseControl(NoiseProperties configured, RuntimeOverlay overlay, MeterRegistry meters) {
        this.meters = meters;
        // At zero from the start, so that an alert or panel on increase() sees the first suppression.
        for (String reason : List.of("silenced", "inhibited", "storm")) {
            meters.counter("sentinel.detector.suppressed", "reason", reason);
        }
        this.storm = new IncidentStorm(configured.storm().maxOpeningsPerMinute());
        var silenceSettings = overlay.appending(SettingContracts.SILENCES, configured.silences());
        var inhibitionSettings = overlay.replacing(SettingContracts.INHIBITIONS, configured.inhibitions());
        var flappingSetting = overlay.replacing(SettingContracts.FLAPPING, configured.flapping());
        // Compiled once per change of the settings, not per finding.
        this.silences = new SettingsView<>(overlay.settings(), () -> silenceSettings.get().stream().map(Silence::of).toList());
        this.inhibitions = new SettingsView<>(overlay.settings(), () -> inhibitionSettings.get().stream().map(Inhibition::of).toList());
        this.flapping = new SettingsView<>(overlay.settings(), () -> FlapDetection.of(flappingSetting.get()));
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
        for (Inhibition inhibition : inhibitions.get()) {
            for (IncidentLabels open : openIncidents) {
                if (!open.fingerprint().equals(firing.fingerprint()) && inhibition.inhibits(open.labels(), labels)) {
                    return suppressed(firing, at, "inhibited", "inhibited by open incident " + open.incidentId() + " (rule "
                            + inhibition.name() + ")");
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
}
