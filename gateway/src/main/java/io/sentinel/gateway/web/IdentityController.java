package io.sentinel.gateway.web;

import io.sentinel.gateway.auth.Caller;
import io.sentinel.gateway.identity.Identity;
import io.sentinel.gateway.identity.IdentityProvider;
import io.sentinel.gateway.identity.db.Identities;
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

/** Which person a Slack user is, and with which role: set by an admin, audited. */
@RestController
@RequestMapping("/api/identities")
class IdentityController {

    private final Identities identities;

    IdentityController(Identities identities) {
        this.identities = identities;
    }

    /** 201 when the user was not mapped before, 200 when their person or role changed. */
    @PostMapping
    ResponseEntity<Identity> save(@RequestBody(required = false) IdentityRequest body, @AuthenticationPrincipal Caller caller) {
        if (body == null) {
            throw ApiProblems.badRequest(IdentityRequest.SHAPE);
        }
        IdentityProvider provider = body.validProvider();
        Identities.Saved saved = identities.save(provider, body.validSubject(provider), body.validName(), body.validRole(), caller);
        return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK).body(saved.identity());
    }

    @GetMapping
    List<Identity> list() {
        return identities.list();
    }

    @DeleteMapping("/{provider}/{subject}")
    ResponseEntity<Void> delete(@PathVariable String provider, @PathVariable String subject, @AuthenticationPrincipal Caller caller) {
        IdentityProvider known = IdentityProvider.of(provider)
                .orElseThrow(() -> ApiProblems.notFound("No identity provider " + provider + "; known: slack"));
        identities.delete(known, subject, caller).orElseThrow(() -> ApiProblems.notFound("No identity " + known.id() + ":" + subject));
        return ResponseEntity.noContent().build();
    }
}
