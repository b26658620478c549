package io.sentinel.events.settings;

import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A family of settings {@code <prefix><property>}, each replacing one property of a configured section
 * ({@link SettingContract.Merge#PER_PROPERTY}), e.g. {@code detector.llm.error-cascade.min-traces = 50}:
 * the property is placed into the section and the whole section is read again, so every rule of the
 * section's record holds for the result.
 * <p>
 * Checked without the service's configuration (the gateway does not know it), a property is placed
 * into the section's defaults; a property whose rules involve other properties ({@code related}, e.g.
 * critical-generations must not be under warning-generations) is checked for its type only there, and
 * against the configured values by the service that applies it.
 *
 * @param <S> the section's record
 */
public final class PropertySetting<S> implements SettingContract {

    private final String prefix;
    private final Class<S> type;
    private final S defaults;
    private final Set<String> properties;
    private final Set<String> related;

    /**
     * @param wholeProperties properties whose value is an object as a whole (a map such as {@code tool-schemas});
     *                        every other property is a value, not an object
     * @param related         properties checked for their type only when checked without the configuration
     */
    public PropertySetting(String prefix, Class<S> type, S defaults, Set<String> wholeProperties, Set<String> related) {
        if (!prefix.endsWith(".")) {
            throw new IllegalArgumentException("a prefix ends in '.', was " + prefix);
        }
        this.prefix = prefix;
        this.type = type;
        this.defaults = defaults;
        Set<String> found = new TreeSet<>(wholeProperties);
        collect(SettingJson.tree(defaults), "", wholeProperties, found);
        this.properties = Set.copyOf(found);
        this.related = Set.copyOf(related);
        if (!properties.containsAll(related)) {
            throw new IllegalArgumentException("related properties " + related + " are not all properties of " + prefix);
        }
    }

    @Override
    public String name() {
        return prefix;
    }

    @Override
    public Merge merge() {
        return Merge.PER_PROPERTY;
    }

    @Override
    public boolean covers(String settingName) {
        return settingName.startsWith(prefix) && settingName.length() > prefix.length();
    }

    /** Every property a setting may name, e.g. {@code error-cascade.min-traces}. */
    public Set<String> properties() {
        return new TreeSet<>(properties);
    }

    public S defaults() {
        return defaults;
    }

    /** The property a setting names: its name without the prefix. */
    public String property(String settingName) {
        String property = covers(settingName) ? settingName.substring(prefix.length()) : "";
        if (!properties.contains(property)) {
            throw new IllegalArgumentException(settingName + ": there is no such setting; a setting names one property: " + prefix
                    + "<property>, one of " + properties());
        }
        return property;
    }

    /** {@code base} with the property the setting names replaced by {@code value}, checked as a whole. */
    public S withProperty(S base, String settingName, JsonNode value) {
        String property = property(settingName);
        ObjectNode tree = (ObjectNode) SettingJson.tree(base);
        String[] path = property.split("\\.");
        ObjectNode parent = tree;
        for (int i = 0; i < path.length - 1; i++) {
            parent = (ObjectNode) parent.get(path[i]);
        }
        parent.set(path[path.length - 1], value);
        return SettingJson.read(tree, SettingJson.type(type), prefix.substring(0, prefix.length() - 1));
    }

    /** The property's value, typed; checked against the defaults unless it is related to other properties. */
    @Override
    public Object read(String settingName, JsonNode value) {
        String property = property(settingName);
        if (!related.contains(property)) {
            withProperty(defaults, settingName, value);
        }
        return SettingJson.read(value, typeOf(property), settingName);
    }

    private JavaType typeOf(String property) {
        Class<?> current = type;
        Type generic = type;
        for (String segment : property.split("\\.")) {
            RecordComponent component = Arrays.stream(current.getRecordComponents())
                    .filter(candidate -> SettingJson.jsonName(candidate).equals(segment)).findFirst()
                    .orElseThrow(() -> new IllegalStateException(segment + " is not a field of " + type.getSimpleName()));
            generic = component.getGenericType();
            current = component.getType();
        }
        return SettingJson.type(generic);
    }

    private static void collect(JsonNode node, String path, Set<String> wholeProperties, Set<String> found) {
        node.properties().forEach(field -> {
            String property = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            if (field.getValue().isObject() && !wholeProperties.contains(property)) {
                collect(field.getValue(), property, wholeProperties, found);
            } else {
                found.add(property);
            }
        });
    }

    @Override
    public String toString() {
        return prefix + "<property> (" + Merge.PER_PROPERTY + ")";
    }
}
