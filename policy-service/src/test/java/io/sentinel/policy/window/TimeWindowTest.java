package io.sentinel.policy.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.events.settings.policy.TimeWindowSetting;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Whether an instant is inside a window, on the zone's wall clock: several zones, both sides of every edge, DST nights. */
class TimeWindowTest {

    private static final TimeWindowSetting BERLIN_WEEKEND_FREEZE = new TimeWindowSetting("fri 16:00", "mon 08:00", "Europe/Berlin");
    private static final TimeWindowSetting BERLIN_SKIPPED_HOUR = new TimeWindowSetting("02:30", "04:00", "Europe/Berlin");
    private static final TimeWindowSetting BERLIN_REPEATED_HOUR = new TimeWindowSetting("02:00", "02:30", "Europe/Berlin");
    private static final TimeWindowSetting NEW_YORK_SUNDAY_NIGHT = new TimeWindowSetting("sun 01:30", "sun 03:30", "America/New_York");
    private static final TimeWindowSetting SYDNEY_NIGHTS = new TimeWindowSetting("22:00", "06:00", "Australia/Sydney");
    private static final TimeWindowSetting KOLKATA_OFFICE = new TimeWindowSetting("9:00", "17:00", "Asia/Kolkata");
    private static final TimeWindowSetting UTC_TURN_OF_WEEK = new TimeWindowSetting("sun 22:00", "mon 02:00", "UTC");
    private static final TimeWindowSetting BERLIN_HOLIDAYS = new TimeWindowSetting("2026-12-21T00:00", "2027-01-04T08:00", "Europe/Berlin");
    private static final TimeWindowSetting BERLIN_ONCE_FROM_A_SKIPPED_TIME = new TimeWindowSetting("2026-03-29T02:30", "2026-03-29T05:00",
            "Europe/Berlin");
    private static final TimeWindowSetting FIXED_OFFSET = new TimeWindowSetting("fri 16:00", "mon 08:00", "+01:00");

    static Stream<Arguments> instants() {
        return Stream.of(
                Arguments.of("a Friday in winter, a minute before the freeze (15:59 CET)", BERLIN_WEEKEND_FREEZE, "2026-11-27T14:59:00Z", false),
                Arguments.of("a Friday in winter, as the freeze starts (16:00 CET)", BERLIN_WEEKEND_FREEZE, "2026-11-27T15:00:00Z", true),
                Arguments.of("Sunday noon", BERLIN_WEEKEND_FREEZE, "2026-11-29T11:00:00Z", true),
                Arguments.of("Monday a minute before the freeze ends (07:59 CET)", BERLIN_WEEKEND_FREEZE, "2026-11-30T06:59:00Z", true),
                Arguments.of("Monday as the freeze ends (08:00 CET)", BERLIN_WEEKEND_FREEZE, "2026-11-30T07:00:00Z", false),
                Arguments.of("Wednesday", BERLIN_WEEKEND_FREEZE, "2026-11-25T15:00:00Z", false),
                Arguments.of("a Friday in summer at 16:00 CEST, two hours ahead of UTC", BERLIN_WEEKEND_FREEZE, "2026-07-03T14:00:00Z", true),
                Arguments.of("a Friday in summer at 15:59 CEST", BERLIN_WEEKEND_FREEZE, "2026-07-03T13:59:00Z", false),
                Arguments.of("the freeze in a fixed offset ignores summer time (16:00 UTC+1 = 17:00 CEST)", FIXED_OFFSET,
                        "2026-07-03T14:30:00Z", false),
                Arguments.of("the freeze in a fixed offset at 16:00 +01:00", FIXED_OFFSET, "2026-07-03T15:00:00Z", true),
                Arguments.of("clocks go forward in Berlin: 01:59:59 CET, before the skipped hour", BERLIN_SKIPPED_HOUR,
                        "2026-03-29T00:59:59Z", false),
                Arguments.of("clocks go forward in Berlin: a window from 02:30 starts at 03:00 CEST, the first instant after the gap",
                        BERLIN_SKIPPED_HOUR, "2026-03-29T01:00:00Z", true),
                Arguments.of("clocks go forward in Berlin: 04:00 CEST ends it", BERLIN_SKIPPED_HOUR, "2026-03-29T02:00:00Z", false),
                Arguments.of("clocks go back in Berlin: 02:15 CEST, the first time", BERLIN_REPEATED_HOUR, "2026-10-25T00:15:00Z", true),
                Arguments.of("clocks go back in Berlin: 02:15 CET, the second time", BERLIN_REPEATED_HOUR, "2026-10-25T01:15:00Z", true),
                Arguments.of("clocks go back in Berlin: 02:45 CEST is after the window", BERLIN_REPEATED_HOUR, "2026-10-25T00:45:00Z", false),
                Arguments.of("clocks go forward in New York: 01:59 EST is inside", NEW_YORK_SUNDAY_NIGHT, "2026-03-08T06:59:00Z", true),
                Arguments.of("clocks go forward in New York: the next instant is 03:00 EDT, still inside", NEW_YORK_SUNDAY_NIGHT,
                        "2026-03-08T07:00:00Z", true),
                Arguments.of("clocks go forward in New York: 03:30 EDT ends the window after one real hour", NEW_YORK_SUNDAY_NIGHT,
                        "2026-03-08T07:30:00Z", false),
                Arguments.of("a night in Sydney at 22:00 AEDT", SYDNEY_NIGHTS, "2026-04-04T11:00:00Z", true),
                Arguments.of("a night in Sydney at 21:59 AEDT", SYDNEY_NIGHTS, "2026-04-04T10:59:00Z", false),
                Arguments.of("the night Sydney's clocks go back: 05:59 AEST is inside", SYDNEY_NIGHTS, "2026-04-04T19:59:00Z", true),
                Arguments.of("the night Sydney's clocks go back: 06:00 AEST ends it", SYDNEY_NIGHTS, "2026-04-04T20:00:00Z", false),
                Arguments.of("a half-hour zone: 09:00 IST", KOLKATA_OFFICE, "2026-11-23T03:30:00Z", true),
                Arguments.of("a half-hour zone: 08:59 IST", KOLKATA_OFFICE, "2026-11-23T03:29:00Z", false),
                Arguments.of("a half-hour zone: 17:00 IST ends it", KOLKATA_OFFICE, "2026-11-23T11:30:00Z", false),
                Arguments.of("a window over the turn of the week: Sunday 23:00", UTC_TURN_OF_WEEK, "2026-11-29T23:00:00Z", true),
                Arguments.of("a window over the turn of the week: Monday 01:59", UTC_TURN_OF_WEEK, "2026-11-30T01:59:00Z", true),
                Arguments.of("a window over the turn of the week: Monday 02:00", UTC_TURN_OF_WEEK, "2026-11-30T02:00:00Z", false),
                Arguments.of("a window over the turn of the week: Saturday 23:00", UTC_TURN_OF_WEEK, "2026-11-28T23:00:00Z", false),
                Arguments.of("the holidays: 23:59 CET the day before", BERLIN_HOLIDAYS, "2026-12-20T22:59:00Z", false),
                Arguments.of("the holidays: midnight CET as they start", BERLIN_HOLIDAYS, "2026-12-20T23:00:00Z", true),
                Arguments.of("the holidays: New Year", BERLIN_HOLIDAYS, "2027-01-01T12:00:00Z", true),
                Arguments.of("the holidays: 08:00 CET as they end", BERLIN_HOLIDAYS, "2027-01-04T07:00:00Z", false),
                Arguments.of("the holidays do not come back a year later", BERLIN_HOLIDAYS, "2027-12-24T12:00:00Z", false),
                Arguments.of("once from a time that does not exist: before the gap", BERLIN_ONCE_FROM_A_SKIPPED_TIME, "2026-03-29T00:59:59Z",
                        false),
                Arguments.of("once from a time that does not exist: from the first instant after it", BERLIN_ONCE_FROM_A_SKIPPED_TIME,
                        "2026-03-29T01:00:00Z", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("instants")
    void judgesAnInstantOnTheWallClockOfTheWindowsZone(String scenario, TimeWindowSetting window, String instant, boolean inside) {
        assertThat(TimeWindow.of(window).contains(Instant.parse(instant))).isEqualTo(inside);
    }
}
