package io.sentinel.events.settings;

import tools.jackson.databind.JsonNode;

/**
 * A family of settings {@code <prefix><name>}, each one entry that adds to or replaces the configured
 * entry of that name ({@link SettingContract.Merge#BY_NAME}): a threshold rule, an inventory target.
 *
 * @param <T> an entry, its name included
 */
public final class NamedSetting<T> implements SettingContract {

    /** Reads one entry; the name is the setting's last part. */
    @FunctionalInterface
    public interface EntryReader<T> {

        /** @throws IllegalArgumentException naming {@code settingName} */
        T read(String settingName, String entryName, JsonNode value);
    }

    private final String prefix;
    private final EntryReader<T> reader;

    public NamedSetting(String prefix, EntryReader<T> reader) {
        if (!prefix.endsWith(".")) {
            throw new IllegalArgumentException("a prefix ends in '.', was " + prefix);
        }
        this.prefix = prefix;
        this.reader = reader;
    }

    @Override
    public String name() {
        return prefix;
    }

    @Override
    public Merge merge() {
        return Merge.BY_NAME;
    }

    @Override
    public boolean covers(String settingName) {
        return settingName.startsWith(prefix) && settingName.length() > prefix.length();
    }

    /** The entry's name: the setting's name without the prefix. */
    public String entryName(String settingName) {
        if (!covers(settingName)) {
            throw new IllegalArgumentException("'" + settingName + "' is not one of " + prefix + "<name>");
        }
        return settingName.substring(prefix.length());
    }

    @Override
    public T read(String settingName, JsonNode value) {
        return reader.read(settingName, entryName(settingName), value);
    }

    @Override
    public String toString() {
        return prefix + "<name> (" + Merge.BY_NAME + ")";
    }
}
