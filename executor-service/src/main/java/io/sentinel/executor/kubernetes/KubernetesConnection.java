package io.sentinel.executor.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;

/**
 * Builds the client kubernetes steps use: the pod's ServiceAccount when the executor runs in a cluster
 * (or the usual kubeconfig outside one), else the configured kubeconfig, with the configured API server
 * URL over either. Requests are never retried by the client: a step acts on production, and whether to
 * act again is the executor's decision (verification, rollback), as for every kind of step.
 */
public final class KubernetesConnection {

    private KubernetesConnection() {
    }

    public static KubernetesClient client(KubernetesStepProperties properties) {
        return new KubernetesClientBuilder().withConfig(config(properties)).build();
    }

    static Config config(KubernetesStepProperties properties) {
        Config base = properties.kubeconfig() == null ? Config.autoConfigure(properties.context()) : fromKubeconfig(properties);
        ConfigBuilder builder = new ConfigBuilder(base);
        if (properties.masterUrl() != null) {
            builder.withMasterUrl(properties.masterUrl().toString());
        }
        int requestMillis = (int) properties.requestTimeout().toMillis();
        return builder.withRequestRetryBackoffLimit(0).withRequestTimeout(requestMillis).withConnectionTimeout(requestMillis).build();
    }

    private static Config fromKubeconfig(KubernetesStepProperties properties) {
        try {
            return Config.fromKubeconfig(properties.context(), Files.readString(properties.kubeconfig()), properties.kubeconfig().toString());
        } catch (IOException e) {
            // The file's content is never quoted: a kubeconfig holds credentials.
            throw new IllegalStateException(KubernetesStepProperties.PREFIX + ".kubeconfig " + properties.kubeconfig() + " cannot be read: "
                    + e.getClass().getSimpleName(), e);
        }
    }
}
