package io.sentinel.collector.prometheus;

import io.sentinel.collector.series.SeriesNames;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One PromQL expression evaluated every round, and how its series become signals.
 *
 * @param signal        the canonical signal its values are published as, e.g. {@code cpu_usage_ratio}
 * @param promql        an expression whose every series carries {@code resourceLabel}
 * @param resourceLabel the label naming the resource a series is about: {@code instance} (the
 *                      default) for hosts, {@code pod} or {@code container} for containers
 * @param keepLabels    labels kept on each sample (e.g. {@code device}, {@code mountpoint}); every
 *                      other label is dropped, the resource label included, as it is the batch's
 * @param backfill      how much history to publish at start-up via {@code query_range}; none by default
 * @param backfillStep  resolution of that history; 1h by default
 * @param byWorkload    {@code max}, {@code min}, {@code sum} or {@code avg}: the expression's per-pod series are
 *                      joined to the Deployment, StatefulSet or DaemonSet that controls each pod and aggregated so
 *                      per workload ({@link WorkloadJoin}); the resource label is then {@code workload_target}
 *                      ({@code <workload>.<namespace>}) and {@code namespace}, {@code workload} and {@code workload_kind}
 *                      are kept. Unset by default: the expression's series as they are
 */
public record PrometheusQuery(String signal, String promql, String resourceLabel, List<String> keepLabels, Duration backfill,
                              Duration backfillStep, String byWorkload) {

    /** Prometheus refuses a {@code query_range} with more points per series than this. */
    static final long MAX_POINTS_PER_SERIES = 11_000;

    public PrometheusQuery {
        byWorkload = byWorkload == null || byWorkload.isBlank() ? null : byWorkload;
        resourceLabel = resourceLabel == null ? (byWorkload == null ? "instance" : WorkloadJoin.TARGET) : resourceLabel;
        keepLabels = keepLabels == null ? List.of() : List.copyOf(keepLabels);
        if (byWorkload != null) {
            Set<String> kept = new LinkedHashSet<>(WorkloadJoin.LABELS);
            kept.addAll(keepLabels);
            keepLabels = List.copyOf(kept);
        }
        backfillStep = backfillStep == null ? Duration.ofHours(1) : backfillStep;
    }

    public static PrometheusQuery of(String signal, String promql, String resourceLabel, List<String> keepLabels) {
        return new PrometheusQuery(signal, promql, resourceLabel, keepLabels, null, null, null);
    }

    /** A query of per-pod series, joined to and aggregated per workload (see {@code byWorkload}). */
    public static PrometheusQuery byWorkload(String signal, String perPod, String aggregation, List<String> keepLabels) {
        return new PrometheusQuery(signal, perPod, null, keepLabels, null, null, aggregation);
    }

    /** The PromQL sent to Prometheus: {@code promql}, or its per-workload join when {@code byWorkload} is set. */
    public String expression() {
        return byWorkload == null ? promql : WorkloadJoin.perWorkload(promql, byWorkload, keepLabels.stream()
                .filter(label -> !WorkloadJoin.LABELS.contains(label)).toList());
    }

    public boolean backfills() {
        return backfill != null;
    }

    /** @param property where the query was configured, e.g. {@code sentinel.collector.prometheus.queries[2]} */
    void validate(String property) {
        if (!SeriesNames.isMetricName(signal)) {
            throw new IllegalArgumentException(property + ".signal must be a Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*), was '"
                    + signal + "'");
        }
        if (promql == null || promql.isBlank()) {
            throw new IllegalArgumentException(property + ".promql must be a PromQL expression, was empty");
        }
        if (!SeriesNames.isLabelName(resourceLabel)) {
            throw new IllegalArgumentException(property + ".resource-label must be a Prometheus label name, was '" + resourceLabel + "'");
        }
        for (int i = 0; i < keepLabels.size(); i++) {
            if (!SeriesNames.isLabelName(keepLabels.get(i))) {
                throw new IllegalArgumentException(property + ".keep-labels[" + i + "] must be a Prometheus label name, was '"
                        + keepLabels.get(i) + "'");
            }
        }
        if (byWorkload != null) {
            if (!WorkloadJoin.AGGREGATIONS.contains(byWorkload)) {
                throw new IllegalArgumentException(property + ".by-workload must be one of " + WorkloadJoin.AGGREGATIONS.stream().sorted().toList()
                        + " (how a workload's pods combine), was '" + byWorkload + "'");
            }
            if (!resourceLabel.equals(WorkloadJoin.TARGET)) {
                throw new IllegalArgumentException(property + ".resource-label of a by-workload query is " + WorkloadJoin.TARGET
                        + " (<workload>.<namespace>), was '" + resourceLabel + "'; leave it unset");
            }
        }
        if (backfillStep.isNegative() || backfillStep.isZero()) {
            throw new IllegalArgumentException(property + ".backfill-step must be a positive duration, was " + backfillStep);
        }
        if (backfill != null) {
            if (backfill.compareTo(backfillStep) < 0) {
                throw new IllegalArgumentException(property + ".backfill must be at least backfill-step (" + backfillStep + "), was " + backfill);
            }
            if (backfill.dividedBy(backfillStep) > MAX_POINTS_PER_SERIES) {
                throw new IllegalArgumentException(property + ".backfill of " + backfill + " at backfill-step " + backfillStep + " is "
                        + backfill.dividedBy(backfillStep) + " points per series; Prometheus answers at most " + MAX_POINTS_PER_SERIES
                        + ": raise backfill-step");
            }
        }
    }
}
