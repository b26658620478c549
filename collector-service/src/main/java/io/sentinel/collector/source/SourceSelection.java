package io.sentinel.collector.source;

import java.time.Duration;
import java.time.Instant;

/**
 * Which source metric signals come from, and when to switch. With no Prometheus configured the
 * scrape targets are the source, for good. With one, Prometheus is preferred; after
 * {@code fallbackAfter} consecutive rounds it could not answer, the collector scrapes the targets
 * itself, and it returns to Prometheus at its first answer. Pure and thread-safe: rounds report,
 * the scrape schedule and the health endpoint read.
 */
public final class SourceSelection {

    private final boolean prometheusConfigured;
    private final int fallbackAfter;
    private State state;

    private SourceSelection(boolean prometheusConfigured, int fallbackAfter, State initial) {
        this.prometheusConfigured = prometheusConfigured;
        this.fallbackAfter = fallbackAfter;
        this.state = initial;
    }

    /** No Prometheus: scrape, and nothing is degraded about it. */
    public static SourceSelection scrapeOnly(Instant now) {
        return new SourceSelection(false, Integer.MAX_VALUE, new State(SignalSource.SCRAPE, false, 0, null, now));
    }

    /** Prometheus first; it is assumed to answer until it has failed {@code fallbackAfter} rounds in a row. */
    public static SourceSelection preferPrometheus(int fallbackAfter, Instant now) {
        if (fallbackAfter < 1) {
            throw new IllegalArgumentException("fallbackAfter must be at least 1, was " + fallbackAfter);
        }
        return new SourceSelection(true, fallbackAfter, new State(SignalSource.PROMETHEUS, false, 0, null, now));
    }

    /** Prometheus answered a round (at least one query succeeded). */
    public synchronized Switch prometheusAnswered(Instant at) {
        requirePrometheus();
        State before = state;
        state = new State(SignalSource.PROMETHEUS, false, 0, null, before.active() == SignalSource.PROMETHEUS ? before.since() : at);
        if (before.active() == SignalSource.SCRAPE) {
            return new Switch.BackToPrometheus(before.consecutiveFailures(), Duration.between(before.since(), at));
        }
        return new Switch.Stay(state);
    }

    /** Prometheus could not answer a round: unreachable, too slow, or an error for every query. */
    public synchronized Switch prometheusFailed(Instant at, String reason) {
        requirePrometheus();
        State before = state;
        int failures = before.consecutiveFailures() + 1;
        if (before.active() == SignalSource.PROMETHEUS && failures >= fallbackAfter) {
            state = new State(SignalSource.SCRAPE, true, failures, reason, at);
            return new Switch.FellBack(failures, reason);
        }
        state = new State(before.active(), before.degraded(), failures, reason, before.since());
        return new Switch.Stay(state);
    }

    public synchronized State state() {
        return state;
    }

    /** Whether the scrape targets are to be scraped now. */
    public boolean scrapes() {
        return state().active() == SignalSource.SCRAPE;
    }

    public boolean prometheusConfigured() {
        return prometheusConfigured;
    }

    public int fallbackAfter() {
        return fallbackAfter;
    }

    private void requirePrometheus() {
        if (!prometheusConfigured) {
            throw new IllegalStateException("no Prometheus is configured; only scrape rounds run");
        }
    }

    /**
     * @param degraded            scraping because Prometheus failed, not because none is configured
     * @param consecutiveFailures Prometheus rounds failed in a row, up to now
     * @param lastError           why the last Prometheus round failed; null once it answers
     * @param since               when the active source became active
     */
    public record State(SignalSource active, boolean degraded, int consecutiveFailures, String lastError, Instant since) {
    }

    /** What a round's outcome changed. */
    public sealed interface Switch {

        /** The source stays as it was. */
        record Stay(State state) implements Switch {
        }

        /** Prometheus failed {@code failedRounds} in a row: the collector now scrapes the targets itself. */
        record FellBack(int failedRounds, String reason) implements Switch {
        }

        /** Prometheus answers again after {@code failedRounds} failed rounds, of which the collector scraped for {@code degradedFor}. */
        record BackToPrometheus(int failedRounds, Duration degradedFor) implements Switch {
        }
    }
}
