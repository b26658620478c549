package io.sentinel.gateway.silences;

import io.sentinel.events.settings.detector.SilenceSetting;
import java.time.Instant;
import java.util.Map;

/** A silence that passed every check of {@link SilenceRequest#validate}, waiting for its id. */
public record NewSilence(Map<String, String> matchers, Instant startsAt, Instant endsAt, String comment) {

    /** The silence as the detector will read it from {@code detector.silences}: the setting's own record. */
    public SilenceSetting toSetting(String id, String createdBy) {
        return new SilenceSetting(id, matchers, startsAt, endsAt, createdBy, comment);
    }
}
