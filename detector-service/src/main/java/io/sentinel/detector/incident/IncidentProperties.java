package io.sentinel.detector.incident;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param updateInterval how often an open incident whose condition persists is re-announced */
@ConfigurationProperties("sentinel.detector.incidents")
public record IncidentProperties(@DefaultValue("5m") Duration updateInterval) {
}
