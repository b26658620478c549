package io.sentinel.gateway.web;

import io.sentinel.events.approval.Role;
import io.sentinel.gateway.auth.ApiKeyPrincipal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Lets a client check which key it is using, and what that key may do. */
@RestController
class MeController {

    record Me(String name, Role role) {
    }

    @GetMapping("/api/me")
    Me me(@AuthenticationPrincipal ApiKeyPrincipal caller) {
        return new Me(caller.name(), caller.role());
    }
}
