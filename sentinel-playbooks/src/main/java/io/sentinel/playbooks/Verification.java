package io.sentinel.playbooks;

import java.time.Duration;
import java.util.List;

/**
 * How the executor decides the fix worked: the detector reports the incident's condition cleared
 * within {@code window}, and every check passes.
 */
public record Verification(Duration window, List<PlaybookStep> checks) {

    public Verification {
        window = window == null ? Duration.ofMinutes(5) : window;
        checks = checks == null ? List.of() : List.copyOf(checks);
    }
}
