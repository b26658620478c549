package io.sentinel.gateway.silences;

import java.time.Instant;
import java.util.Map;

/** A silence that passed every check of {@link SilenceRequest#validate}, waiting for its id. */
public record NewSilence(Map<String, String> matchers, Instant startsAt, Instant endsAt, String comment) {

    public Silence toSilence(String id, String createdBy) {
        return new Silence(id, matchers, startsAt, endsAt, createdBy, comment);
    }
}
