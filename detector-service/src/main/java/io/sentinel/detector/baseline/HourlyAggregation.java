package io.sentinel.detector.baseline;

/** How the samples of one clock hour make that hour's value. */
public enum HourlyAggregation {
    /** Rates (requests per second): the mean of the hour's samples, whatever the scrape interval. */
    MEAN,
    /** Spend (dollars): what was spent in the hour, added up. */
    SUM
}
