package io.sentinel.events.settings;

import java.util.function.UnaryOperator;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;

/**
 * A setting of one name whose value is a whole section or list: it replaces the configured one
 * ({@link SettingContract.Merge#REPLACE}) or joins it ({@link SettingContract.Merge#APPEND}).
 *
 * @param <T> the value's type: a record, or a list of records
 */
public final class WholeSetting<T> implements SettingContract {

    private final String name;
    private final Merge merge;
    private final JavaType type;
    private final UnaryOperator<T> check;

    private WholeSetting(String name, Merge merge, JavaType type, UnaryOperator<T> check) {
        if (merge != Merge.REPLACE && merge != Merge.APPEND) {
            throw new IllegalArgumentException("a whole setting replaces or appends, not " + merge);
        }
        this.name = name;
        this.merge = merge;
        this.type = type;
        this.check = check;
    }

    /** A section (record) that replaces the configured one. */
    public static <T> WholeSetting<T> section(String name, Class<T> type) {
        return new WholeSetting<>(name, Merge.REPLACE, SettingJson.type(type), UnaryOperator.identity());
    }

    /** A single value that replaces the configured one, with a check of its own. */
    public static <T> WholeSetting<T> value(String name, Class<T> type, UnaryOperator<T> check) {
        return new WholeSetting<>(name, Merge.REPLACE, SettingJson.type(type), check);
    }

    /** A list that replaces ({@code REPLACE}) or joins ({@code APPEND}) the configured one; {@code check} judges the list as a whole. */
    public static <E> WholeSetting<java.util.List<E>> list(String name, Merge merge, Class<E> element,
                                                          UnaryOperator<java.util.List<E>> check) {
        return new WholeSetting<>(name, merge, SettingJson.listOf(element), check);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Merge merge() {
        return merge;
    }

    @Override
    public boolean covers(String settingName) {
        return name.equals(settingName);
    }

    @Override
    public T read(String settingName, JsonNode value) {
        if (!covers(settingName)) {
            throw new IllegalArgumentException("'" + settingName + "' is not " + name);
        }
        if (type.isCollectionLikeType() && (value == null || !value.isArray())) {
            throw new IllegalArgumentException(settingName + ": the value must be a JSON array");
        }
        if (type.isRecordType() && (value == null || !value.isObject())) {
            throw new IllegalArgumentException(settingName + ": the value must be a JSON object with the fields of the section");
        }
        T read = SettingJson.read(value, type, settingName);
        try {
            return check.apply(read);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(settingName + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return name + " (" + merge + ")";
    }
}
