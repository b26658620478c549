package io.sentinel.runtime.settings;

import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Something derived from the runtime settings (the effective rule list, the active silences),
 * recomputed only when a setting changed. Derivation errors keep the last good value: a bad setting
 * must never stop detection. Made by {@link RuntimeOverlay}.
 */
public final class SettingsView<T> {

    private static final Logger log = LoggerFactory.getLogger(SettingsView.class);

    private final RuntimeSettings settings;
    private final Supplier<T> derive;
    private final T fallback;
    private volatile long derivedAt = -1;
    private volatile T value;

    public SettingsView(RuntimeSettings settings, Supplier<T> derive) {
        this(settings, derive, null);
    }

    /** @param fallback in force when the very first derivation finds a runtime value that does not fit: the configured value */
    SettingsView(RuntimeSettings settings, Supplier<T> derive, T fallback) {
        this.settings = settings;
        this.derive = derive;
        this.fallback = fallback;
    }

    public T get() {
        long current = settings.version();
        if (current != derivedAt) {
            synchronized (this) {
                if (current != derivedAt) {
                    boolean first = derivedAt == -1;
                    try {
                        value = derive.get();
                    } catch (KeepPrevious e) {
                        if (first) {
                            value = fallback;
                        }
                    } catch (RuntimeException e) {
                        if (first) {
                            throw e;
                        }
                        log.warn("runtime settings could not be applied; keeping the previous values: {}", e.getMessage());
                    }
                    derivedAt = current;
                }
            }
        }
        return value;
    }

    /** A runtime value that does not fit, already reported: whatever was in force stays. */
    static final class KeepPrevious extends RuntimeException {

        KeepPrevious(IllegalArgumentException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
