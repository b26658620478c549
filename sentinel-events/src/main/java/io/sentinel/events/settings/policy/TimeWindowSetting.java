package io.sentinel.events.settings.policy;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a policy rule applies: from {@code from} (inclusive) to {@code to} (exclusive), on the wall
 * clock of {@code zone}. Three forms, the same for both ends:
 * <ul>
 *   <li>weekly: {@code fri 16:00} to {@code mon 08:00} (a change freeze over every weekend);</li>
 *   <li>daily: {@code 22:00} to {@code 06:00} (every night);</li>
 *   <li>once: {@code 2026-12-21T00:00} to {@code 2027-01-04T08:00} (the holidays).</li>
 * </ul>
 * A weekly or daily window may wrap around the end of the week or day. Times are wall-clock times in
 * the zone, so a window keeps its local hours across daylight-saving changes: on the night clocks go
 * forward a window starting in the skipped hour starts at the first instant after it, and on the
 * night they go back the repeated hour is inside a window that contains its wall-clock time both times.
 * Checked by the rule that holds it ({@link PolicyRuleSetting}), so that errors name the rule.
 *
 * @param zone an IANA time zone such as {@code Europe/Berlin}, or an offset such as {@code +01:00}; required,
 *             since a freeze an hour off is no freeze
 */
public record TimeWindowSetting(String from, String to, String zone) {

    /** How one end of a window is written. */
    public enum Form {
        WEEKLY, DAILY, ONCE
    }

    /**
     * One end of a window: a day of the week and a time (weekly), a time (daily), or a date and time (once).
     */
    public record Bound(Form form, DayOfWeek day, LocalTime time, LocalDateTime dateTime) {
    }

    private static final Pattern WEEKLY = Pattern.compile("([A-Za-z]+)\\s+(\\d{1,2}:\\d{2})");
    private static final Map<String, DayOfWeek> DAYS = Map.ofEntries(
            Map.entry("mon", DayOfWeek.MONDAY), Map.entry("monday", DayOfWeek.MONDAY),
            Map.entry("tue", DayOfWeek.TUESDAY), Map.entry("tuesday", DayOfWeek.TUESDAY),
            Map.entry("wed", DayOfWeek.WEDNESDAY), Map.entry("wednesday", DayOfWeek.WEDNESDAY),
            Map.entry("thu", DayOfWeek.THURSDAY), Map.entry("thursday", DayOfWeek.THURSDAY),
            Map.entry("fri", DayOfWeek.FRIDAY), Map.entry("friday", DayOfWeek.FRIDAY),
            Map.entry("sat", DayOfWeek.SATURDAY), Map.entry("saturday", DayOfWeek.SATURDAY),
            Map.entry("sun", DayOfWeek.SUNDAY), Map.entry("sunday", DayOfWeek.SUNDAY));

    /**
     * One end as written.
     *
     * @param field what the message calls it, e.g. {@code windows[0].from}
     * @throws IllegalArgumentException saying which forms there are
     */
    public static Bound parse(String text, String field) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(field + " is required, e.g. 'fri 16:00', '22:00' or '2026-12-21T00:00'");
        }
        String trimmed = text.trim();
        try {
            Matcher weekly = WEEKLY.matcher(trimmed);
            if (weekly.matches()) {
                DayOfWeek day = DAYS.get(weekly.group(1).toLowerCase(Locale.ROOT));
                if (day == null) {
                    throw new IllegalArgumentException(field + " names no day of the week: '" + weekly.group(1) + "' (mon, tue, ... sun)");
                }
                return new Bound(Form.WEEKLY, day, time(weekly.group(2)), null);
            }
            if (trimmed.contains("T")) {
                return new Bound(Form.ONCE, null, null, LocalDateTime.parse(trimmed));
            }
            return new Bound(Form.DAILY, null, time(trimmed), null);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " '" + text + "' is not 'fri 16:00', '22:00' or '2026-12-21T00:00'");
        }
    }

    /**
     * The zone as written.
     *
     * @throws IllegalArgumentException naming the field
     */
    public static ZoneId zone(String zone, String field) {
        if (zone == null || zone.isBlank()) {
            throw new IllegalArgumentException(field + " is required, e.g. Europe/Berlin: a window's times are wall-clock times there");
        }
        try {
            return ZoneId.of(zone.trim());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(field + " '" + zone + "' is not a time zone (an IANA name such as Europe/Berlin, or an "
                    + "offset such as +01:00)");
        }
    }

    /** "08:00" and "8:00"; seconds are not a policy's business. */
    private static LocalTime time(String text) {
        String padded = text.length() == 4 ? "0" + text : text;
        return LocalTime.parse(padded);
    }
}
