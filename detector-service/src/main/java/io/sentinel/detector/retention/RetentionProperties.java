package io.sentinel.detector.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the detector keeps state nobody touches any more, from {@code sentinel.detector.retention}.
 * The tables not listed here have their own clean-up: baselines ({@code sentinel.detector.baseline.forget-after},
 * 8 days of hourly aggregates), heartbeats, queues and watched series ({@code sentinel.detector.absence.forget-after}),
 * agent runs ({@code sentinel.detector.llm.agent-loop.window}) and episodes ({@code quiet-for}).
 *
 * @param interval           how often the clean-up runs
 * @param resolvedIncidents  resolved incidents are deleted this long after they resolved (open ones never are); at
 *                           least a day, so flapping detection (one hour by default) still sees recent openings
 * @param idleConditions     a pending or active condition not updated for this long, with no open incident, is deleted
 * @param knownErrors        a known error (not active) last seen this long ago is forgotten, and counts as new if it
 *                           comes back; a service whose logs stopped this long ago starts learning anew
 * @param llmState           per-application LLM state (trace buckets, cascade state, output schemas, score histories, tool
 *                           failures) not updated for this long is deleted, unless its condition is active
 */
@ConfigurationProperties("sentinel.detector.retention")
public record RetentionProperties(@DefaultValue("1h") Duration interval, @DefaultValue("30d") Duration resolvedIncidents,
                                  @DefaultValue("7d") Duration idleConditions, @DefaultValue("30d") Duration knownErrors,
                                  @DefaultValue("7d") Duration llmState) {

    static final String PREFIX = "sentinel.detector.retention";

    public RetentionProperties {
        interval = interval == null ? Duration.ofHours(1) : interval;
        resolvedIncidents = resolvedIncidents == null ? Duration.ofDays(30) : resolvedIncidents;
        idleConditions = idleConditions == null ? Duration.ofDays(7) : idleConditions;
        knownErrors = knownErrors == null ? Duration.ofDays(30) : knownErrors;
        llmState = llmState == null ? Duration.ofDays(7) : llmState;
        requireAtLeast(interval, Duration.ofSeconds(1), "interval");
        requireAtLeast(resolvedIncidents, Duration.ofDays(1), "resolved-incidents");
        requireAtLeast(idleConditions, Duration.ofHours(1), "idle-conditions");
        requireAtLeast(knownErrors, Duration.ofHours(1), "known-errors");
        requireAtLeast(llmState, Duration.ofHours(12), "llm-state");
    }

    private static void requireAtLeast(Duration value, Duration minimum, String name) {
        if (value == null || value.compareTo(minimum) < 0) {
            throw new IllegalArgumentException(PREFIX + "." + name + " must be at least " + minimum + ", was " + value);
        }
    }
}
