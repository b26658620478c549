package io.sentinel.executor.http;

import java.util.Map;
import java.util.Optional;

/**
 * What a playbook's templates may refer to: {@code {{labels.<name>}}}, {@code {{params.<name>}}},
 * {@code {{incident.id}}}, {@code {{incident.resource}}} and, once taken, {@code {{snapshot.body}}}.
 *
 * @param snapshotBody the snapshot's response body; null until a snapshot has been taken
 */
public record TemplateVariables(Map<String, String> labels, Map<String, String> params, String incidentId, String resource,
                                String snapshotBody) {

    public TemplateVariables {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    /** The value of a variable, or why there is none. */
    Lookup lookup(String variable) {
        if (variable.startsWith("labels.")) {
            return known(labels.get(variable.substring("labels.".length())), "the incident has no label '"
                    + variable.substring("labels.".length()) + "'");
        }
        if (variable.startsWith("params.")) {
            return known(params.get(variable.substring("params.".length())), "the action sets no parameter '"
                    + variable.substring("params.".length()) + "'");
        }
        return switch (variable) {
            case "incident.id" -> known(incidentId, "the incident id is unknown");
            case "incident.resource" -> known(resource, "the incident's resource is unknown");
            case "snapshot.body" -> known(snapshotBody, "no snapshot was taken");
            default -> new Lookup.Missing("unknown variable; variables are labels.<name>, params.<name>, incident.id, "
                    + "incident.resource and snapshot.body");
        };
    }

    private static Lookup known(String value, String otherwise) {
        return Optional.ofNullable(value).<Lookup>map(Lookup.Found::new).orElseGet(() -> new Lookup.Missing(otherwise));
    }

    sealed interface Lookup {
        record Found(String value) implements Lookup {
        }

        record Missing(String why) implements Lookup {
        }
    }
}
