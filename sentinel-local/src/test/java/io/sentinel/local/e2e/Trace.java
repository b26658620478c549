package io.sentinel.local.e2e;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/** The finished spans of one trace, as a tree: who is whose parent, which service each comes from. */
record Trace(String traceId, Map<String, SpanData> bySpanId) {

    private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

    static Trace of(Collection<SpanData> spans, String traceId) {
        Map<String, SpanData> byId = new LinkedHashMap<>();
        spans.stream().filter(span -> span.getTraceId().equals(traceId)).forEach(span -> byId.put(span.getSpanId(), span));
        return new Trace(traceId, Collections.unmodifiableMap(byId));
    }

    static String service(SpanData span) {
        return span.getResource().getAttribute(SERVICE_NAME);
    }

    Collection<SpanData> spans() {
        return bySpanId.values();
    }

    Set<String> services() {
        Set<String> services = new TreeSet<>();
        spans().forEach(span -> services.add(service(span)));
        return services;
    }

    /** Spans whose parent is not in this trace: its first span, and any span left hanging. */
    List<SpanData> roots() {
        return spans().stream().filter(span -> !bySpanId.containsKey(span.getParentSpanId())).toList();
    }

    Optional<SpanData> find(Predicate<SpanData> condition) {
        return spans().stream().filter(condition).findFirst();
    }

    Optional<SpanData> parent(SpanData span) {
        return Optional.ofNullable(bySpanId.get(span.getParentSpanId()));
    }

    /** The span and its ancestors, from the trace's first span down to it. */
    List<SpanData> pathTo(SpanData span) {
        List<SpanData> path = new ArrayList<>();
        for (SpanData at = span; at != null; at = bySpanId.get(at.getParentSpanId())) {
            path.addFirst(at);
        }
        return path;
    }

    /** The services a path goes through, each run of spans of one service counted once. */
    static List<String> servicesAlong(List<SpanData> path) {
        List<String> services = new ArrayList<>();
        for (SpanData span : path) {
            String service = service(span);
            if (services.isEmpty() || !services.getLast().equals(service)) {
                services.add(service);
            }
        }
        return services;
    }
}
