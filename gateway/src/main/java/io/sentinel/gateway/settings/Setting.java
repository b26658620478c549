package io.sentinel.gateway.settings;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** A runtime setting as the API shows it: its current value and who set it when. */
public record Setting(String name, JsonNode value, String changedBy, Instant changedAt) {
}
