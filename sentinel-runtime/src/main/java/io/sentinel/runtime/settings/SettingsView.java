package io.sentinel.runtime.settings;

import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Something derived from the runtime settings (the effective rule list, the active silences),
 * recomputed only when a setting changed. Derivation errors keep the last good value: a bad setting
 * must never stop detection.
 */
public final class SettingsView<T> {

    private static final Logger log = LoggerFactory.getLogger(SettingsView.class);

    private final RuntimeSettings settings;
    private final Supplier<T> derive;
    private volatile long derivedAt = -1;
    private volatile T value;

    public SettingsView(RuntimeSettings settings, Supplier<T> derive) {
        this.settings = settings;
        this.derive = derive;
    }

    /**
     * A settings section that a runtime setting replaces as a whole while it exists, the configured
     * one otherwise. Derived right away rather than on the first signal.
     */
    public static <T> SettingsView<T> section(RuntimeSettings settings, SettingValues values, String setting, Class<T> type,
                                              T configured) {
        SettingsView<T> view = new SettingsView<>(settings, () -> settings.get(setting)
                .map(json -> values.read(json, type, setting))
                .orElse(configured));
        view.get();
        return view;
    }

    public T get() {
        long current = settings.version();
        if (current != derivedAt) {
            synchronized (this) {
                if (current != derivedAt) {
                    try {
                        value = derive.get();
                    } catch (RuntimeException e) {
                        log.warn("runtime settings could not be applied; keeping the previous values: {}", e.getMessage());
                    }
                    derivedAt = current;
                }
            }
        }
        return value;
    }
}
