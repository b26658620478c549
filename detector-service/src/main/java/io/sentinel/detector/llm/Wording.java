package io.sentinel.detector.llm;

import java.time.Duration;
import java.util.Locale;

/** How the LLM rules write numbers in incident titles and details, for people rather than parsers. */
final class Wording {

    private Wording() {
    }

    static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.0f%%", ratio * 100);
    }

    static String usd(double amount) {
        return String.format(Locale.ROOT, "$%.2f", amount);
    }

    static String decimal(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /** {@code 5m}, {@code 2h}, {@code 1h30m}, {@code 45s}: as durations are written in detector.yaml. */
    static String duration(Duration duration) {
        long seconds = duration.toSeconds();
        StringBuilder text = new StringBuilder();
        if (seconds >= 3600) {
            text.append(seconds / 3600).append('h');
        }
        if (seconds % 3600 >= 60) {
            text.append(seconds % 3600 / 60).append('m');
        }
        if (seconds % 60 != 0 || text.isEmpty()) {
            text.append(seconds % 60).append('s');
        }
        return text.toString();
    }
}
