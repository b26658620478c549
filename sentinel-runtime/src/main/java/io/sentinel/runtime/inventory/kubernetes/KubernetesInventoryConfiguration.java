package io.sentinel.runtime.inventory.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sentinel.runtime.inventory.InventoryProperties;
import io.sentinel.runtime.inventory.InventoryProperties.ConfiguredTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Fills the inventory from Kubernetes at start-up, next to the configured targets
 * ({@link KubernetesInventoryProperties}): opt-in ({@code @Import} it beside
 * {@code TargetInventoryConfiguration}), in every service that reads the inventory (analyzer,
 * policy, executor) alike, so that they agree on what a target is. The workloads are listed once, when
 * the service starts; one created later is a target after the next start, or at once through the
 * runtime setting {@code inventory.targets.<name>}. An API server that cannot be reached leaves the
 * configured targets only, and says so: acting on fewer targets is the safe side.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KubernetesInventoryProperties.class)
public class KubernetesInventoryConfiguration {

    private static final Logger log = LoggerFactory.getLogger(KubernetesInventoryConfiguration.class);

    @Bean
    static BeanPostProcessor kubernetesInventory(ObjectProvider<KubernetesInventoryProperties> properties) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof InventoryProperties configured && properties.getObject().enabled()) {
                    return withDiscovered(configured, properties.getObject());
                }
                return bean;
            }
        };
    }

    static InventoryProperties withDiscovered(InventoryProperties configured, KubernetesInventoryProperties kubernetes) {
        kubernetes.namespaces().forEach((namespace, environment) -> {
            if (!configured.environments().contains(environment)) {
                throw new IllegalArgumentException(KubernetesInventoryProperties.PREFIX + ".namespaces." + namespace + " '" + environment
                        + "' is not one of " + InventoryProperties.PREFIX + ".environments " + configured.environments());
            }
        });
        List<WorkloadTargets.Workload> workloads;
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config(kubernetes)).build()) {
            workloads = list(client, kubernetes.namespaces().keySet());
        } catch (KubernetesClientException e) {
            log.warn("kubernetes inventory not read; only the configured targets are listed namespaces={} reason=\"HTTP {} {}\"",
                    kubernetes.namespaces().keySet(), e.getCode(), e.getStatus() == null ? e.getClass().getSimpleName() : e.getStatus().getMessage());
            return configured;
        }
        Set<String> configuredNames = configured.targets().stream().map(ConfiguredTarget::name).collect(Collectors.toSet());
        WorkloadTargets.Discovered discovered = WorkloadTargets.of(workloads, kubernetes.namespaces(), configuredNames);
        discovered.leftOut().forEach(reason -> log.warn("kubernetes workload not added to the inventory: {}", reason));
        log.info("kubernetes inventory read namespaces={} targets={}", kubernetes.namespaces().keySet(),
                discovered.targets().stream().map(ConfiguredTarget::name).toList());
        List<ConfiguredTarget> targets = new ArrayList<>(configured.targets());
        targets.addAll(discovered.targets());
        return new InventoryProperties(configured.environments(), targets);
    }

    private static List<WorkloadTargets.Workload> list(KubernetesClient client, Set<String> namespaces) {
        List<WorkloadTargets.Workload> workloads = new ArrayList<>();
        for (String namespace : namespaces.stream().sorted().toList()) {
            add(workloads, namespace, "Deployment", client.apps().deployments().inNamespace(namespace).list().getItems());
            add(workloads, namespace, "StatefulSet", client.apps().statefulSets().inNamespace(namespace).list().getItems());
            add(workloads, namespace, "DaemonSet", client.apps().daemonSets().inNamespace(namespace).list().getItems());
        }
        return workloads;
    }

    private static void add(List<WorkloadTargets.Workload> workloads, String namespace, String kind, List<? extends HasMetadata> items) {
        items.forEach(item -> workloads.add(new WorkloadTargets.Workload(namespace, kind, item.getMetadata().getName())));
    }

    private static Config config(KubernetesInventoryProperties kubernetes) {
        ConfigBuilder builder = new ConfigBuilder(Config.autoConfigure(null));
        if (kubernetes.masterUrl() != null) {
            builder.withMasterUrl(kubernetes.masterUrl().toString());
        }
        return builder.withRequestRetryBackoffLimit(0).build();
    }
}
