package io.sentinel.gateway.settings;

import java.time.Instant;

/**
 * A row of {@code setting_published}: the last change of a setting this gateway published.
 *
 * @param value the value as JSON text; null when the change was a removal
 */
public record PublishedSetting(String name, String value, String changedBy, Instant changedAt) {
}
