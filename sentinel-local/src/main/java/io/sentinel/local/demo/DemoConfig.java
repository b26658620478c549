package io.sentinel.local.demo;

/**
 * The demo service's runtime configuration: what a remediation may change and a rollback restores.
 *
 * @param cacheMb the size of its in-memory cache; dropping it is part of releasing memory
 */
public record DemoConfig(int cacheMb, String version) {

    public DemoConfig {
        if (cacheMb < 0 || cacheMb > 1024) {
            throw new IllegalArgumentException("cacheMb must be within [0, 1024], was " + cacheMb);
        }
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("version is required");
        }
    }
}
