package io.sentinel.helm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The Kubernetes objects Helm rendered, parsed, with paths into them. */
record Manifest(List<Map<String, Object>> objects) {

    static Manifest parse(String rendered) {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object document : SentinelChart.yaml().loadAll(rendered)) {
            if (document != null) {
                @SuppressWarnings("unchecked")
                Map<String, Object> object = (Map<String, Object>) document;
                objects.add(object);
            }
        }
        return new Manifest(List.copyOf(objects));
    }

    List<Map<String, Object>> all(String kind) {
        return objects.stream().filter(object -> kind.equals(object.get("kind"))).toList();
    }

    Optional<Map<String, Object>> find(String kind, String name) {
        return all(kind).stream().filter(object -> name.equals(string(object, "metadata.name"))).findFirst();
    }

    Map<String, Object> one(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind + " " + name + " rendered; rendered "
                + all(kind).stream().map(object -> string(object, "metadata.name")).toList()));
    }

    Map<String, Object> deployment(String service) {
        return one("Deployment", SentinelChart.RELEASE + "-" + service);
    }

    /** The service's single container. */
    Map<String, Object> container(String service) {
        List<Map<String, Object>> containers = list(deployment(service), "spec.template.spec.containers");
        if (containers.size() != 1) {
            throw new AssertionError(service + " has " + containers.size() + " containers");
        }
        return containers.getFirst();
    }

    /** The Spring configuration the chart gives a service, parsed. */
    Map<String, Object> serviceConfig(String service) {
        String text = string(one("ConfigMap", SentinelChart.RELEASE + "-" + service), "data." + service + ".yaml");
        return SentinelChart.yaml().load(text);
    }

    /** An environment variable of a service's container: its plain value or its valueFrom. */
    Optional<Map<String, Object>> env(String service, String name) {
        List<Map<String, Object>> env = list(container(service), "env");
        return env.stream().filter(variable -> name.equals(variable.get("name"))).findFirst();
    }

    // ---- paths: "spec.template.spec.containers", one key per segment; keys with dots are not split
    // past the first segment that matches a key exactly.

    static Object at(Object root, String path) {
        Object current = root;
        String rest = path;
        while (!rest.isEmpty()) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            String key = null;
            if (map.containsKey(rest)) {
                key = rest;
            } else {
                int dot = rest.indexOf('.');
                while (dot > 0) {
                    if (map.containsKey(rest.substring(0, dot))) {
                        key = rest.substring(0, dot);
                        break;
                    }
                    dot = rest.indexOf('.', dot + 1);
                }
            }
            if (key == null) {
                return null;
            }
            current = map.get(key);
            rest = rest.length() == key.length() ? "" : rest.substring(key.length() + 1);
        }
        return current;
    }

    static String string(Object root, String path) {
        Object value = at(root, path);
        return value == null ? null : Objects.toString(value);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object root, String path) {
        Object value = at(root, path);
        if (!(value instanceof Map<?, ?>)) {
            throw new AssertionError("no map at " + path + " (found " + value + ")");
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static <T> List<T> list(Object root, String path) {
        Object value = at(root, path);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?>)) {
            throw new AssertionError("no list at " + path + " (found " + value + ")");
        }
        return (List<T>) value;
    }
}
