package io.sentinel.policy.incident;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param keepFor how long what the detector said about an incident is kept after it last said something;
 *                an analysis arriving later is judged without it (rules that ask about the incident may match)
 * @param waitFor how long after an analysis was published its decision may wait for the incident, when the
 *                rules ask about it and the analysis overtook it; after that the strictest rule that may match
 *                decides. The analysis' partition waits meanwhile
 */
@ConfigurationProperties("sentinel.policy.incidents")
public record IncidentProperties(@DefaultValue("30d") Duration keepFor, @DefaultValue("30s") Duration waitFor) {

    public IncidentProperties {
        if (keepFor == null || keepFor.compareTo(Duration.ofHours(1)) < 0) {
            throw new IllegalArgumentException("sentinel.policy.incidents.keep-for must be at least 1h, was " + keepFor);
        }
        if (waitFor == null || waitFor.isNegative() || waitFor.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("sentinel.policy.incidents.wait-for must be between 0s and 5m (the analysis' partition "
                    + "waits meanwhile), was " + waitFor);
        }
    }
}
