package io.sentinel.playbooks;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Playbooks that come with Sentinel, in sets a deployment switches on by name
 * ({@code sentinel.playbooks.shipped: [kubernetes]}) next to its own. They are validated like any
 * other playbook and loaded from this module's classpath.
 */
public enum ShippedPlaybooks {

    /** {@code k8s-rollout-restart}, {@code k8s-scale-up}, {@code k8s-rollout-undo}, {@code k8s-delete-pod}. */
    KUBERNETES("classpath:io/sentinel/playbooks/shipped/kubernetes/");

    private final String location;

    ShippedPlaybooks(String location) {
        this.location = location;
    }

    /** The set's name as configuration writes it, e.g. {@code kubernetes}. */
    public String written() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A Spring resource location, as {@link PlaybookCatalog#load} reads it. */
    public String location() {
        return location;
    }

    public static Optional<ShippedPlaybooks> named(String written) {
        return Arrays.stream(values()).filter(set -> set.written().equals(written)).findFirst();
    }

    public static List<String> allWritten() {
        return Arrays.stream(values()).map(ShippedPlaybooks::written).toList();
    }
}
