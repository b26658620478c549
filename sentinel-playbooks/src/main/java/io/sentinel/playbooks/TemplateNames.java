package io.sentinel.playbooks;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The variables a playbook's templates may use. */
public final class TemplateNames {

    public static final String LABELS = "labels.";
    public static final String PARAMS = "params.";
    public static final String SECRETS = "secrets.";
    public static final String TARGET = "target.";
    public static final String TARGET_URL = "target.url";
    public static final Pattern SECRET_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    /** The variables with a fixed name. */
    public static final Set<String> FIXED = Set.of(TARGET_URL, "target.name", "target.environment", "target.kubernetes.namespace",
            "target.kubernetes.kind", "target.kubernetes.name", "incident.id", "incident.resource", BodyFormat.SNAPSHOT_BODY);

    /** How the catalog's messages list what exists. */
    public static final List<String> DESCRIBED = List.of("target.url", "target.name", "target.environment",
            "target.kubernetes.namespace|kind|name", "params.<name>", "labels.<declared name>", "secrets.<name>", "incident.id",
            "incident.resource", "snapshot.body");

    private TemplateNames() {
    }
}
