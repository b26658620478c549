package io.sentinel.collector.source;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Which source the collector takes metrics from, as {@code signalSource} in {@code /actuator/health}.
 * {@link #DEGRADED} while it scrapes because Prometheus failed: signals still flow, from fewer and
 * more direct sources, which an operator should know about. collector.yaml orders DEGRADED
 * between DOWN and UP and maps it to HTTP 200: Prometheus' outage must not get the collector, which
 * is coping with it, restarted or taken out of service.
 */
public final class SignalSourceHealthIndicator implements HealthIndicator {

    public static final Status DEGRADED = new Status("DEGRADED", "Prometheus is not answering; scraping the targets directly");

    private final SourceSelection selection;
    private final String prometheusUrl;

    /** @param prometheusUrl for the details; null when none is configured */
    public SignalSourceHealthIndicator(SourceSelection selection, String prometheusUrl) {
        this.selection = selection;
        this.prometheusUrl = prometheusUrl;
    }

    @Override
    public Health health() {
        SourceSelection.State state = selection.state();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("active", state.active().label());
        details.put("prometheus", prometheusUrl == null ? "not configured" : prometheusUrl);
        if (selection.prometheusConfigured()) {
            details.put("since", state.since().toString());
            details.put("consecutiveFailures", state.consecutiveFailures());
            details.put("fallbackAfter", selection.fallbackAfter());
            if (state.lastError() != null) {
                details.put("lastError", state.lastError());
            }
        }
        return Health.status(state.degraded() ? DEGRADED : Status.UP).withDetails(details).build();
    }
}
