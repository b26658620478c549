package io.sentinel.executor.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.Config;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

class KubernetesStepPropertiesTest {

    @Test
    void theDefaultsDocumentedInExecutorYamlRefuseEveryNamespaceAndEveryNode() throws IOException {
        var environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("executor.yaml", new ClassPathResource("executor.yaml"))
                .forEach(environment.getPropertySources()::addFirst);

        KubernetesStepProperties documented = new Binder(ConfigurationPropertySources.get(environment))
                .bindOrCreate(KubernetesStepProperties.PREFIX, KubernetesStepProperties.class);

        assertThat(documented).isEqualTo(bind(Map.of()));
        assertThat(documented.allowedNamespaces()).isEmpty();
        assertThat(documented.nodesAllowed()).isFalse();
        assertThat(documented.masterUrl()).isNull();
        assertThat(documented.kubeconfig()).isNull();
        assertThat(documented.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void refusesWhatCannotBeANamespaceOrAnApiServerNamingTheProperty() {
        assertThatThrownBy(() -> bind(Map.of("sentinel.executor.kubernetes.allowed-namespaces[0]", "shop",
                "sentinel.executor.kubernetes.allowed-namespaces[1]", "Kube_System")))
                .rootCause().hasMessage("sentinel.executor.kubernetes.allowed-namespaces[1] must be a Kubernetes namespace name (lowercase "
                        + "letters, digits and '-', at most 63), was 'Kube_System'");
        assertThatThrownBy(() -> bind(Map.of("sentinel.executor.kubernetes.allowed-namespaces", "shop,shop")))
                .rootCause().hasMessageContaining("names a namespace twice");
        assertThatThrownBy(() -> bind(Map.of("sentinel.executor.kubernetes.master-url", "kubernetes.default.svc")))
                .rootCause().hasMessageContaining("sentinel.executor.kubernetes.master-url must be an absolute https (or http) URL");
        assertThatThrownBy(() -> bind(Map.of("sentinel.executor.kubernetes.master-url", "https://admin:s3cret@k8s.internal:6443")))
                .rootCause().hasMessage("sentinel.executor.kubernetes.master-url must not carry credentials; use a kubeconfig or the "
                        + "ServiceAccount");
        assertThatThrownBy(() -> bind(Map.of("sentinel.executor.kubernetes.request-timeout", "0s")))
                .rootCause().hasMessageContaining("sentinel.executor.kubernetes.request-timeout must be a positive duration");
    }

    @Test
    void aKubeconfigAndAMasterUrlConfigureTheClientWhichNeverRetriesOnItsOwn(@TempDir Path directory) throws IOException {
        Path kubeconfig = directory.resolve("config");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: prod
                    cluster: {server: "https://prod.k8s.internal:6443"}
                  - name: staging
                    cluster: {server: "https://staging.k8s.internal:6443"}
                users:
                  - name: sentinel
                    user: {token: not-a-real-token}
                contexts:
                  - name: prod
                    context: {cluster: prod, user: sentinel, namespace: shop}
                  - name: staging
                    context: {cluster: staging, user: sentinel}
                current-context: prod
                """);

        Config fromContext = KubernetesConnection.config(new KubernetesStepProperties(List.of(), false, null, kubeconfig, "staging",
                Duration.ofSeconds(3)));
        Config overridden = KubernetesConnection.config(new KubernetesStepProperties(List.of(), false,
                URI.create("https://api.k8s.internal:6443"), kubeconfig, null, Duration.ofSeconds(3)));

        assertThat(fromContext.getMasterUrl()).startsWith("https://staging.k8s.internal:6443");
        assertThat(fromContext.getRequestRetryBackoffLimit()).isZero();
        assertThat(fromContext.getRequestTimeout()).isEqualTo(3000);
        assertThat(overridden.getMasterUrl()).startsWith("https://api.k8s.internal:6443");
        assertThat(overridden.getNamespace()).as("the rest of the current context stays").isEqualTo("shop");
    }

    @Test
    void anUnreadableKubeconfigStopsTheStartNamingThePropertyNotItsContent(@TempDir Path directory) {
        Path missing = directory.resolve("nope");

        assertThatThrownBy(() -> KubernetesConnection.config(new KubernetesStepProperties(List.of(), false, null, missing, null,
                Duration.ofSeconds(3))))
                .hasMessage("sentinel.executor.kubernetes.kubeconfig " + missing + " cannot be read: NoSuchFileException");
    }

    private static KubernetesStepProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate(KubernetesStepProperties.PREFIX, KubernetesStepProperties.class);
    }
}
