package io.sentinel.policy.window;

import io.sentinel.events.settings.policy.TimeWindowSetting;
import io.sentinel.events.settings.policy.TimeWindowSetting.Bound;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * When a policy rule applies: a stretch of wall-clock time in a zone, from (inclusive) to (exclusive).
 * Judged on the wall clock of the zone at the instant in question, so a window keeps its local hours
 * across daylight-saving changes: a window that starts in the hour clocks skip starts at the first
 * instant after it, and the hour clocks repeat is inside a window once for each time it passes. Pure.
 */
public sealed interface TimeWindow {

    boolean contains(Instant at);

    /** A checked setting (see {@link TimeWindowSetting}) as a window. */
    static TimeWindow of(TimeWindowSetting setting) {
        Bound from = TimeWindowSetting.parse(setting.from(), "from");
        Bound to = TimeWindowSetting.parse(setting.to(), "to");
        ZoneId zone = TimeWindowSetting.zone(setting.zone(), "zone");
        return switch (from.form()) {
            case WEEKLY -> new Weekly(from.day(), from.time(), to.day(), to.time(), zone);
            case DAILY -> new Daily(from.time(), to.time(), zone);
            case ONCE -> new Once(from.dateTime(), to.dateTime(), zone);
        };
    }

    /** Every week from one day and time to another, e.g. Friday 16:00 to Monday 08:00; may wrap past Sunday. */
    record Weekly(DayOfWeek fromDay, LocalTime fromTime, DayOfWeek toDay, LocalTime toTime, ZoneId zone) implements TimeWindow {

        private static final long SECONDS_PER_DAY = 86_400;

        @Override
        public boolean contains(Instant at) {
            ZonedDateTime local = at.atZone(zone);
            return between(secondOfWeek(local.getDayOfWeek(), local.toLocalTime()), secondOfWeek(fromDay, fromTime),
                    secondOfWeek(toDay, toTime));
        }

        private static long secondOfWeek(DayOfWeek day, LocalTime time) {
            return (day.getValue() - 1) * SECONDS_PER_DAY + time.toSecondOfDay();
        }
    }

    /** Every day from one time to another, e.g. 22:00 to 06:00; may wrap past midnight. */
    record Daily(LocalTime from, LocalTime to, ZoneId zone) implements TimeWindow {

        @Override
        public boolean contains(Instant at) {
            return between(at.atZone(zone).toLocalTime().toSecondOfDay(), from.toSecondOfDay(), to.toSecondOfDay());
        }
    }

    /** Once, from one date and time to a later one, e.g. a freeze over the holidays. */
    record Once(LocalDateTime from, LocalDateTime to, ZoneId zone) implements TimeWindow {

        @Override
        public boolean contains(Instant at) {
            LocalDateTime local = at.atZone(zone).toLocalDateTime();
            return !local.isBefore(from) && local.isBefore(to);
        }
    }

    /** {@code from} inclusive, {@code to} exclusive, on a circle when {@code to} comes before {@code from}. */
    private static boolean between(long position, long from, long to) {
        return from < to ? position >= from && position < to : position >= from || position < to;
    }
}
