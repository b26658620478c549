package io.sentinel.detector.baseline;

import io.sentinel.detector.rule.Level;

/**
 * A value against an EWMA baseline.
 *
 * @param deviations how many standard deviations above the mean the value is (negative: below)
 */
public record EwmaVerdict(Level level, double mean, double stddev, double deviations) {
}
