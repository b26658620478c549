package io.sentinel.executor.template;

import io.sentinel.events.target.KubernetesRef;
import io.sentinel.events.target.TargetRef;
import io.sentinel.playbooks.BodyFormat;
import io.sentinel.playbooks.TemplateNames;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a step's templates may refer to: the authorized inventory target ({@code {{target.*}}}), the
 * action's parameters, the labels the playbook declares (already checked against their patterns),
 * secrets, the incident and, once taken, the snapshot.
 *
 * @param labels       only the declared labels whose values matched their patterns
 * @param target       the inventory target the action was authorized for; null if the incident names none
 * @param snapshotBody the snapshot's response body; null until a snapshot has been taken
 */
public record TemplateVariables(Map<String, String> labels, Map<String, String> params, String incidentId, String resource,
                                String snapshotBody, TargetRef target, SecretLookup secrets) {

    public static final String NO_TARGET = "the incident names no inventory target; this playbook needs one";

    public TemplateVariables {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        params = params == null ? Map.of() : Map.copyOf(params);
        secrets = secrets == null ? SecretLookup.NONE : secrets;
    }

    /** The value of a variable, or why there is none. */
    public Lookup lookup(String variable) {
        if (variable.startsWith(TemplateNames.LABELS)) {
            String label = variable.substring(TemplateNames.LABELS.length());
            return known(labels.get(label), "the incident has no usable label '" + label + "'");
        }
        if (variable.startsWith(TemplateNames.PARAMS)) {
            String param = variable.substring(TemplateNames.PARAMS.length());
            return known(params.get(param), "the action sets no parameter '" + param + "'");
        }
        if (variable.startsWith(TemplateNames.SECRETS)) {
            String secret = variable.substring(TemplateNames.SECRETS.length());
            return known(secrets.find(secret).orElse(null), "secret '" + secret + "' is not configured");
        }
        if (variable.startsWith(TemplateNames.TARGET)) {
            return target == null ? new Lookup.Missing(NO_TARGET) : targetField(variable);
        }
        return switch (variable) {
            case "incident.id" -> known(incidentId, "the incident id is unknown");
            case "incident.resource" -> known(resource, "the incident's resource is unknown");
            case BodyFormat.SNAPSHOT_BODY -> known(snapshotBody, "no snapshot was taken");
            default -> new Lookup.Missing("unknown variable; the variables are " + TemplateNames.DESCRIBED);
        };
    }

    private Lookup targetField(String variable) {
        return switch (variable) {
            case TemplateNames.TARGET_URL -> known(target.url(), "target '" + target.name() + "' has no url in the inventory");
            case "target.name" -> known(target.name(), "");
            case "target.environment" -> known(target.environment(), "");
            case "target.kubernetes.namespace" -> kubernetes(KubernetesRef::namespace, "namespace");
            case "target.kubernetes.kind" -> kubernetes(KubernetesRef::kind, "kind");
            case "target.kubernetes.name" -> kubernetes(KubernetesRef::name, "name");
            default -> new Lookup.Missing("unknown variable; the variables are " + TemplateNames.DESCRIBED);
        };
    }

    private Lookup kubernetes(Function<KubernetesRef, String> field, String what) {
        if (target.kubernetes() == null) {
            return new Lookup.Missing("target '" + target.name() + "' has no kubernetes entry in the inventory");
        }
        return known(field.apply(target.kubernetes()), "target '" + target.name() + "' has no kubernetes " + what);
    }

    private static Lookup known(String value, String otherwise) {
        return Optional.ofNullable(value).<Lookup>map(Lookup.Found::new).orElseGet(() -> new Lookup.Missing(otherwise));
    }

    /** A variable's value, or why it has none. */
    public sealed interface Lookup {
        record Found(String value) implements Lookup {
        }

        record Missing(String why) implements Lookup {
        }
    }
}
