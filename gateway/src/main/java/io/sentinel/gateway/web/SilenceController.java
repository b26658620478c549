package io.sentinel.gateway.web;

import io.sentinel.gateway.auth.Caller;
import io.sentinel.gateway.silences.Silence;
import io.sentinel.gateway.silences.SilenceRequest;
import io.sentinel.gateway.silences.Silences;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/silences")
class SilenceController {

    private final Silences silences;
    private final Clock clock;

    SilenceController(Silences silences, Clock clock) {
        this.silences = silences;
        this.clock = clock;
    }

    @GetMapping
    List<SilenceView> list() {
        Instant now = clock.instant();
        return silences.list().stream().map(silence -> SilenceView.of(silence, now)).toList();
    }

    @PostMapping
    ResponseEntity<SilenceView> create(@RequestBody(required = false) SilenceRequest body, @AuthenticationPrincipal Caller caller) {
        if (body == null) {
            throw ApiProblems.badRequest("request body is required: {\"matchers\": {\"label\": \"regex\"}, \"duration\": \"2h\" "
                    + "(or \"endsAt\"), \"startsAt\": optional, \"comment\": \"why\"}");
        }
        Silence created = silences.create(body, caller);
        return ResponseEntity.status(HttpStatus.CREATED).body(SilenceView.of(created, clock.instant()));
    }

    /** Ends the silence now; 202 because the detector applies the change on its own, within moments. */
    @DeleteMapping("/{id}")
    ResponseEntity<SilenceView> expire(@PathVariable String id, @AuthenticationPrincipal Caller caller) {
        Silence expired = silences.expire(id, caller).orElseThrow(() -> ApiProblems.notFound("No silence " + id));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(SilenceView.of(expired, clock.instant()));
    }
}
