package io.sentinel.events.settings.detector;

import java.util.List;

/** The list of signal names a rule watches. */
final class Signals {

    private Signals() {
    }

    static List<String> orDefault(List<String> signals, List<String> defaults) {
        if (signals != null && signals.stream().anyMatch(signal -> signal == null || signal.isBlank())) {
            throw new IllegalArgumentException("signals must list signal names, was " + signals);
        }
        return signals == null ? defaults : List.copyOf(signals);
    }
}
