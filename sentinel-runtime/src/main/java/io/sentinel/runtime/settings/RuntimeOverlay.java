package io.sentinel.runtime.settings;

import io.sentinel.events.settings.NamedSetting;
import io.sentinel.events.settings.PropertySetting;
import io.sentinel.events.settings.SettingContract;
import io.sentinel.events.settings.SettingContract.Merge;
import io.sentinel.events.settings.WholeSetting;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The one way runtime settings overlay a service's configuration. Each family of settings is read by
 * its contract ({@code io.sentinel.events.settings.SettingContracts}, the same the gateway checks
 * values with) and combined with the configured value by the contract's {@link Merge}:
 * <ul>
 *   <li>{@link #replacing} a section or list: the runtime value while it exists, else the configured one;</li>
 *   <li>{@link #appending} to a list: the configured elements, then the runtime ones;</li>
 *   <li>{@link #byName}: configured entries by name, each replaced or joined by {@code <prefix><name>};</li>
 *   <li>{@link #perProperty}: the configured section with each {@code <prefix><property>} replacing one property,
 *       in the order of the settings' names.</li>
 * </ul>
 * The views recompute only when a setting changed. A runtime value that breaks its contract is never
 * applied: it is logged ({@code ignoring runtime setting <name>: <why>}); a whole value (replacing,
 * appending) keeps what was in force before it, an entry or a property leaves the configured one in force.
 */
public final class RuntimeOverlay {

    private static final Logger log = LoggerFactory.getLogger(RuntimeOverlay.class);

    private final RuntimeSettings settings;

    public RuntimeOverlay(RuntimeSettings settings) {
        this.settings = settings;
    }

    public RuntimeSettings settings() {
        return settings;
    }

    /** {@link Merge#REPLACE}: the setting's value replaces {@code configured} as a whole while it exists. */
    public <T> SettingsView<T> replacing(WholeSetting<T> contract, T configured) {
        require(contract, Merge.REPLACE);
        return derived(() -> settings.get(contract.name()).map(value -> readWhole(contract, value)).orElse(configured), configured);
    }

    /** {@link Merge#APPEND}: the setting's elements join {@code configured}. */
    public <E> SettingsView<List<E>> appending(WholeSetting<List<E>> contract, List<E> configured) {
        require(contract, Merge.APPEND);
        List<E> fixed = List.copyOf(configured);
        return derived(() -> settings.get(contract.name()).map(value -> {
            List<E> all = new ArrayList<>(fixed);
            all.addAll(readWhole(contract, value));
            return List.copyOf(all);
        }).orElse(fixed), fixed);
    }

    /** {@link Merge#BY_NAME}: {@code <prefix><name>} adds the entry of that name or replaces the configured one. */
    public <T> SettingsView<Map<String, T>> byName(NamedSetting<T> contract, Map<String, T> configured) {
        return byName(contract, configured, UnaryOperator.identity());
    }

    /** As {@link #byName(NamedSetting, Map)}, with a check of the service's own ({@code check} throws IllegalArgumentException to refuse). */
    public <T> SettingsView<Map<String, T>> byName(NamedSetting<T> contract, Map<String, T> configured, UnaryOperator<T> check) {
        require(contract, Merge.BY_NAME);
        Map<String, T> fixed = Map.copyOf(configured);
        return derived(() -> {
            Map<String, T> merged = new LinkedHashMap<>(configured);
            settings.under(contract.name()).forEach((name, value) -> {
                String setting = contract.name() + name;
                try {
                    merged.put(name, check.apply(contract.read(setting, value)));
                } catch (IllegalArgumentException e) {
                    ignoring(setting, e);
                }
            });
            return merged.equals(fixed) ? fixed : Collections.unmodifiableMap(merged);
        }, fixed);
    }

    /** {@link Merge#PER_PROPERTY}: each {@code <prefix><property>} replaces one property of {@code configured}. */
    public <S> SettingsView<S> perProperty(PropertySetting<S> contract, S configured) {
        require(contract, Merge.PER_PROPERTY);
        return derived(() -> {
            S result = configured;
            for (Map.Entry<String, JsonNode> property : settings.under(contract.name()).entrySet()) {
                String setting = contract.name() + property.getKey();
                try {
                    result = contract.withProperty(result, setting, property.getValue());
                } catch (IllegalArgumentException e) {
                    ignoring(setting, e);
                }
            }
            return result;
        }, configured);
    }

    private <T> T readWhole(WholeSetting<T> contract, JsonNode value) {
        try {
            return contract.read(contract.name(), value);
        } catch (IllegalArgumentException e) {
            ignoring(contract.name(), e);
            throw new SettingsView.KeepPrevious(e);
        }
    }

    /** Derived right away rather than on the first signal. */
    private <T> SettingsView<T> derived(Supplier<T> derive, T configured) {
        SettingsView<T> view = new SettingsView<>(settings, derive, configured);
        view.get();
        return view;
    }

    private static void ignoring(String setting, IllegalArgumentException e) {
        log.warn("ignoring runtime setting {}: {}", setting, e.getMessage());
    }

    private static void require(SettingContract contract, Merge merge) {
        if (contract.merge() != merge) {
            throw new IllegalArgumentException(contract + " merges " + contract.merge() + ", not " + merge);
        }
    }
}
