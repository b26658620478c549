package io.sentinel.detector.absence;

import io.sentinel.detector.rule.Level;
import io.sentinel.events.settings.detector.StuckQueueSetting;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A queue is stuck when its depth grew by more than {@code minGrowth} over {@code window} while nothing
 * was consumed throughout (see {@link StuckQueueSetting}). Pure.
 */
public record StuckQueueCheck(Duration window, double minGrowth) {

    public static StuckQueueCheck of(StuckQueueSetting setting) {
        return new StuckQueueCheck(setting.window(), setting.minGrowth());
    }

    /**
     * Where a queue stands, from its recent points (oldest first). It clears as soon as consumption
     * resumes or the depth falls; it is stuck only once the points cover the whole window. Empty when
     * there is no depth at all. Pure.
     */
    public Optional<QueueVerdict> judge(List<QueuePoint> points) {
        List<QueuePoint> depths = points.stream().filter(point -> point.depth() != null).toList();
        if (depths.isEmpty()) {
            return Optional.empty();
        }
        QueuePoint latest = depths.getLast();
        QueuePoint lastConsumption = points.stream().filter(point -> point.consumed() != null).reduce((a, b) -> b).orElse(null);
        if (lastConsumption != null && lastConsumption.consumed() > 0) {
            return verdict(Level.CLEAR, latest, null, "consuming again: queue_consumed_per_second " + format(lastConsumption.consumed()));
        }
        if (depths.size() > 1 && latest.depth() < depths.get(depths.size() - 2).depth()) {
            return verdict(Level.CLEAR, latest, null, "depth fell from " + format(depths.get(depths.size() - 2).depth()) + " to "
                    + format(latest.depth()));
        }
        QueuePoint start = depths.stream().filter(point -> !point.at().isAfter(latest.at().minus(window))).reduce((a, b) -> b).orElse(null);
        if (start == null) {
            return verdict(Level.BETWEEN, latest, null, "depth " + format(latest.depth()) + "; the " + window + " window is not covered yet");
        }
        List<Double> consumed = points.stream().filter(point -> !point.at().isBefore(start.at()) && point.consumed() != null)
                .map(QueuePoint::consumed).toList();
        double growth = latest.depth() - start.depth();
        String movement = "depth grew from " + format(start.depth()) + " to " + format(latest.depth()) + " over " + window;
        if (consumed.isEmpty()) {
            return verdict(Level.BETWEEN, latest, null, movement + "; no queue_consumed_per_second reported, so nothing to tell");
        }
        if (growth > minGrowth && consumed.stream().allMatch(value -> value == 0)) {
            return verdict(Level.BREACHED, latest, start.depth() + minGrowth, movement + " (by more than " + format(minGrowth)
                    + ") while queue_consumed_per_second stayed 0");
        }
        return verdict(Level.BETWEEN, latest, null, movement);
    }

    private static Optional<QueueVerdict> verdict(Level level, QueuePoint latest, Double reference, String detail) {
        return Optional.of(new QueueVerdict(level, latest.depth(), reference, latest.at(), detail));
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.6g", value).replaceFirst("\\.?0+$", "");
    }
}
