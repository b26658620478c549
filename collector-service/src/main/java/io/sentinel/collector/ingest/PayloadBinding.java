package io.sentinel.collector.ingest;

import com.fasterxml.jackson.annotation.JsonAlias;
import io.sentinel.collector.ingest.constraint.ShowsValue;
import io.sentinel.collector.ingest.constraint.Text;
import io.sentinel.collector.ingest.constraint.WholeCount;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Request bodies as records: read strictly as JSON (a field given twice or text after the value is
 * an error, not a guess about which the client meant), bound to a record by Jackson without
 * coercion (a number is not a string, {@code "12"} is not a number), then checked by the record's
 * Bean Validation constraints. Every error names where it is, as {@link InvalidPayload}: the NDJSON
 * line, and the field's path from the request's root as the client spelt it
 * ({@code observations[2].usage.promptTokens}). Absent and {@code null} fields are the same: not given.
 */
public final class PayloadBinding {

    /** Floats are read as BigDecimal, so that a count of {@code 1e400} is too large rather than infinite. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .withCoercionConfig(LogicalType.Textual, text -> text.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Integer, number -> number.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Float, number -> number.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Boolean, bool -> bool.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
            .build();
    /** Built once and kept open for the life of the service: the validator caches each record's constraints. */
    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    private PayloadBinding() {
    }

    /** @param line the NDJSON line being read, for the error; null for a whole body */
    public static JsonNode read(byte[] bytes, int offset, int length, Integer line) {
        JsonNode node;
        try {
            node = JSON.readTree(bytes, offset, length);
        } catch (JacksonException e) {
            throw InvalidPayload.whole(line, "not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || node.isMissingNode()) {
            throw InvalidPayload.whole(line, "no JSON value");
        }
        return node;
    }

    public static JsonNode read(byte[] bytes) {
        return read(bytes, 0, bytes.length, null);
    }

    /** Compact JSON text of any value: how a structured LLM output becomes text. */
    public static String text(JsonNode node) {
        return JSON.writeValueAsString(node);
    }

    /**
     * One JSON object of a request as a {@code type} that passed its constraints.
     *
     * @param line the NDJSON line the object is on, or null
     * @param path its path in the request: "" for the root, e.g. {@code [3]} for an element of a root array
     */
    public static <T> T bind(JsonNode node, Class<T> type, Integer line, String path) {
        if (!node.isObject()) {
            throw path.isEmpty() ? InvalidPayload.whole(line, "expected a JSON object, was " + ShowsValue.describe(node))
                    : InvalidPayload.field(line, path, "must be a JSON object, was " + ShowsValue.describe(node));
        }
        T value;
        try {
            value = JSON.treeToValue(node, type);
        } catch (DatabindException e) {
            throw unreadable(e, node, type, line, path);
        }
        refuseViolations(VALIDATOR.validate(value), node, type, line, path, 0);
        return value;
    }

    /**
     * Checks the JSON object {@code node} as the value of {@code property} of a {@code beanType}: for a
     * body that is itself one constrained value, such as a heartbeat's labels.
     */
    public static <T> Map<String, JsonNode> bindProperty(JsonNode node, Class<T> beanType, String property, Integer line) {
        Map<String, JsonNode> value = JSON.convertValue(node, JSON.getTypeFactory().constructMapType(Map.class, String.class, JsonNode.class));
        refuseViolations(VALIDATOR.validateValue(beanType, property, value), node, propertyType(beanType, property), line, "", 1);
        return value;
    }

    private static <T> void refuseViolations(Set<ConstraintViolation<T>> violations, JsonNode node, Type type, Integer line, String path,
                                             int skippedNodes) {
        violations.stream()
                .map(violation -> new Located<>(violation, segments(violation.getPropertyPath(), skippedNodes)))
                .min(Comparator.<Located<T>, String>comparing(located -> sortKey(located.segments()))
                        .thenComparing(located -> rank(located.violation()))
                        .thenComparing(located -> located.violation().getMessage()))
                .ifPresent(located -> {
                    Resolved where = resolve(node, type, located.segments());
                    String problem = located.violation().getMessage();
                    if (where.node() != null && showsValue(located.violation())) {
                        problem += ", was " + ShowsValue.describe(where.node());
                    }
                    String field = join(path, where.path());
                    throw field.isEmpty() ? InvalidPayload.whole(line, "the object " + problem) : InvalidPayload.field(line, field, problem);
                });
    }

    private static InvalidPayload unreadable(DatabindException e, JsonNode node, Type type, Integer line, String path) {
        List<Object> segments = new ArrayList<>();
        for (JacksonException.Reference reference : e.getPath()) {
            segments.add(reference.getPropertyName() != null ? reference.getPropertyName() : reference.getIndex());
        }
        Resolved where = resolve(node, type, segments);
        String was = where.node() == null ? "" : ", was " + ShowsValue.describe(where.node());
        // A value of the wrong JSON type, or one its Java type cannot hold (1e400 as a double).
        Class<?> target = e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                ? mismatch.getTargetType() : raw(where.type());
        String problem = target != null && target != Object.class ? expected(target) + was : "could not be read: " + e.getOriginalMessage();
        return InvalidPayload.field(line, join(path, where.path()), problem);
    }

    private static String join(String path, String field) {
        return path.isEmpty() || field.isEmpty() || field.startsWith("[") ? path + field : path + "." + field;
    }

    /** What a field of this Java type takes, said in JSON's terms. */
    private static String expected(Class<?> target) {
        if (target == String.class) {
            return "must be a string";
        }
        if (target == BigDecimal.class) {
            // Payload records bind counts, and only counts, as BigDecimal (see WholeCount).
            return WholeCount.MESSAGE;
        }
        if (Number.class.isAssignableFrom(target) || target == double.class) {
            return "must be a number";
        }
        if (Collection.class.isAssignableFrom(target) || target.isArray()) {
            return "must be an array";
        }
        if (Map.class.isAssignableFrom(target) || target.isRecord()) {
            return "must be a JSON object";
        }
        return "is not of the expected type";
    }

    /** Names and indexes of a violation's path; a map entry's key is a name, as it is in JSON. */
    private static List<Object> segments(Path path, int skipped) {
        List<Object> segments = new ArrayList<>();
        int seen = 0;
        for (Path.Node node : path) {
            if (seen++ < skipped) {
                continue;
            }
            if (node.getIndex() != null) {
                segments.add(node.getIndex());
            } else if (node.getKey() != null) {
                segments.add(String.valueOf(node.getKey()));
            }
            if (node.getKind() == ElementKind.PROPERTY) {
                segments.add(node.getName());
            }
        }
        return segments;
    }

    /** Fields in alphabetical order, elements by index: with several problems, the same one is reported every time. */
    private static String sortKey(List<Object> segments) {
        StringBuilder key = new StringBuilder();
        for (Object segment : segments) {
            key.append(segment instanceof Integer index ? String.format("[%010d]", index) : "." + segment);
        }
        return key.toString();
    }

    private static boolean showsValue(ConstraintViolation<?> violation) {
        return violation.getConstraintDescriptor().getPayload().contains(ShowsValue.class)
                || violation.getConstraintDescriptor().getAnnotation().annotationType().isAnnotationPresent(ShowsValue.Always.class);
    }

    /** A missing field first, then a blank one: those say more than what follows from them. */
    private static int rank(ConstraintViolation<?> violation) {
        Class<?> constraint = violation.getConstraintDescriptor().getAnnotation().annotationType();
        return constraint == NotNull.class ? 0 : constraint == Text.class ? 1 : 2;
    }

    /**
     * The path as the client spelt it, and the JSON value there: a field the client sent under an
     * alias ({@code promptTokens} for {@code input}) is named by the alias.
     */
    private static Resolved resolve(JsonNode root, Type rootType, List<Object> segments) {
        StringBuilder path = new StringBuilder();
        JsonNode node = root;
        Type type = rootType;
        for (Object segment : segments) {
            if (segment instanceof Integer index) {
                path.append('[').append(index).append(']');
                node = node == null ? null : node.get(index);
                type = typeArgument(type, 0);
            } else {
                String name = jsonName(type, (String) segment, node);
                path.append(path.isEmpty() ? "" : ".").append(name);
                node = node == null ? null : node.get(name);
                type = propertyType(type, (String) segment);
            }
        }
        return new Resolved(path.toString(), node, type);
    }

    private static String jsonName(Type type, String name, JsonNode node) {
        if (node == null || node.has(name) || !(raw(type) instanceof Class<?> owner) || !owner.isRecord()) {
            return name;
        }
        for (RecordComponent component : owner.getRecordComponents()) {
            // @JsonAlias does not target record components: it is found on the accessor.
            JsonAlias aliases = component.getAccessor().getAnnotation(JsonAlias.class);
            if (component.getName().equals(name) && aliases != null) {
                for (String alias : aliases.value()) {
                    if (node.has(alias)) {
                        return alias;
                    }
                }
            }
        }
        return name;
    }

    private static Type propertyType(Type type, String name) {
        Class<?> owner = raw(type);
        if (owner != null && owner.isRecord()) {
            for (RecordComponent component : owner.getRecordComponents()) {
                if (component.getName().equals(name)) {
                    return component.getGenericType();
                }
            }
        }
        return owner != null && Map.class.isAssignableFrom(owner) ? typeArgument(type, 1) : Object.class;
    }

    private static Type typeArgument(Type type, int index) {
        return type instanceof ParameterizedType parameterized ? parameterized.getActualTypeArguments()[index] : Object.class;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> raw) {
            return raw;
        }
        return type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw ? raw : null;
    }

    private record Located<T>(ConstraintViolation<T> violation, List<Object> segments) {
    }

    private record Resolved(String path, JsonNode node, Type type) {
    }
}
