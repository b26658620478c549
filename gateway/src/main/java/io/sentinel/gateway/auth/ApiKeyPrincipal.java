package io.sentinel.gateway.auth;

import io.sentinel.events.approval.Role;
import java.security.Principal;
import java.util.EnumSet;
import java.util.Set;

/** The caller of an API request: the key it authenticated with. Its name is who the audit log and votes name. */
public record ApiKeyPrincipal(String keyId, String name, Role role) implements Principal {

    /** The key's role and every role it includes: ADMIN holds OPERATOR and VIEWER, OPERATOR holds VIEWER. */
    public Set<Role> grantedRoles() {
        Set<Role> granted = EnumSet.noneOf(Role.class);
        for (Role candidate : Role.values()) {
            if (role.includes(candidate)) {
                granted.add(candidate);
            }
        }
        return granted;
    }

    @Override
    public String getName() {
        return name;
    }
}
