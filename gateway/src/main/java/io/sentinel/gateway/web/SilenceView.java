package io.sentinel.gateway.web;

import io.sentinel.gateway.silences.Silence;
import java.time.Instant;
import java.util.Map;

/** A silence as the API shows it. @param active whether it silences anything at the time of the answer */
record SilenceView(String id, Map<String, String> matchers, Instant startsAt, Instant endsAt, String createdBy, String comment,
                   boolean active) {

    static SilenceView of(Silence silence, Instant now) {
        return new SilenceView(silence.id(), silence.matchers(), silence.startsAt(), silence.endsAt(), silence.createdBy(),
                silence.comment(), silence.active(now));
    }
}
