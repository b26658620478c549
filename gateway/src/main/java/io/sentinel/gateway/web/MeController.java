package io.sentinel.gateway.web;

import io.sentinel.events.approval.Role;
import io.sentinel.gateway.auth.Caller;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Lets a client check who the gateway takes it for (a key, or a person signed in), and what it may do. */
@RestController
class MeController {

    /** @param via {@code api-key} or {@code sso} */
    record Me(String name, Role role, String via) {
    }

    @GetMapping("/api/me")
    Me me(@AuthenticationPrincipal Caller caller) {
        return new Me(caller.name(), caller.role(), caller.channel().label());
    }
}
