package io.sentinel.collector.ingest.logs;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The levels a {@code LogEntry} carries, upper-case, with the other spellings loggers use mapped onto them. */
final class LogLevel {

    static final String ACCEPTED = "TRACE, DEBUG, INFO, WARN (or WARNING), ERROR, FATAL (or CRITICAL)";
    private static final Map<String, String> LEVELS = Map.of(
            "TRACE", "TRACE", "DEBUG", "DEBUG", "INFO", "INFO",
            "WARN", "WARN", "WARNING", "WARN",
            "ERROR", "ERROR",
            "FATAL", "FATAL", "CRITICAL", "FATAL");

    private LogLevel() {
    }

    /** Case-insensitive: {@code warning} is WARN, {@code critical} is FATAL. */
    static Optional<String> normalize(String level) {
        return Optional.ofNullable(LEVELS.get(level.strip().toUpperCase(Locale.ROOT)));
    }
}
