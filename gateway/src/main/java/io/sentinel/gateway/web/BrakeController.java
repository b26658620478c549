package io.sentinel.gateway.web;

import io.sentinel.events.approval.BrakeReleased;
import io.sentinel.gateway.auth.Caller;
import io.sentinel.gateway.brake.db.BrakeReleases;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class BrakeController {

    /** What was published; whether the brake was engaged, the policy service alone knows. */
    record ReleaseAccepted(String releaseId, String releasedBy, String reason, Instant releasedAt) {
    }

    private final BrakeReleases releases;

    BrakeController(BrakeReleases releases) {
        this.releases = releases;
    }

    /** 202: the release is published; the policy service applies it (and ignores it if nothing is braked). */
    @PostMapping("/api/brake/release")
    ResponseEntity<ReleaseAccepted> release(@RequestBody(required = false) BrakeReleaseRequest body, @AuthenticationPrincipal Caller caller) {
        if (body == null) {
            throw ApiProblems.badRequest("request body is required: {\"reason\": \"why it is safe to let actions run alone again\"}");
        }
        BrakeReleased released = releases.release(body.validReason(), caller);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(new ReleaseAccepted(released.releaseId(), released.releasedBy(), released.reason(), released.releasedAt()));
    }
}
