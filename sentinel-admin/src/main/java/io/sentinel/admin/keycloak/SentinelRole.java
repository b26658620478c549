package io.sentinel.admin.keycloak;

/**
 * The realm roles the gateway maps to Sentinel's roles. Their names are the contract with the
 * gateway, which reads them from the access token's {@code realm_access.roles}.
 */
public enum SentinelRole {

    ADMIN("sentinel-admin", "Sentinel ADMIN: everything an operator may, plus settings, API keys and releasing the brake"),
    OPERATOR("sentinel-operator", "Sentinel OPERATOR: everything a viewer may, plus approving actions and silencing"),
    VIEWER("sentinel-viewer", "Sentinel VIEWER: reads incidents, timelines and settings");

    private final String roleName;
    private final String description;

    SentinelRole(String roleName, String description) {
        this.roleName = roleName;
        this.description = description;
    }

    public String roleName() {
        return roleName;
    }

    public String description() {
        return description;
    }
}
