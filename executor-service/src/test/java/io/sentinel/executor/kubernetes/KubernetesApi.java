package io.sentinel.executor.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.InetAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The fabric8 Kubernetes mock API server in CRUD mode on a loopback port: objects are created, patched,
 * listed, watched and deleted as on a real API server, and nothing runs a controller, so a test plays
 * the controllers' part (a status, the ReplicaSets of a Deployment) where it needs one. {@link #cluster}
 * is the test's own client for arranging and reading objects; the executor gets the URL.
 */
public final class KubernetesApi implements AutoCloseable {

    private final KubernetesMockServer server;
    public final NamespacedKubernetesClient cluster;

    private KubernetesApi() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        cluster = server.createClient();
    }

    public static KubernetesApi started() {
        return new KubernetesApi();
    }

    public URI url() {
        return URI.create(server.url("/"));
    }

    /** Requests the server has received so far: a refusal must send none. */
    public int requests() {
        return server.getRequestCount();
    }

    /**
     * The RBAC verbs and resources of every request received since the last call, as the API server
     * would authorize them: {@code get deployments}, {@code list replicasets}, {@code watch deployments}...
     */
    Set<String> permissionsUsed() {
        Set<String> used = new TreeSet<>();
        try {
            for (RecordedRequest request = server.takeRequest(1, TimeUnit.MILLISECONDS); request != null;
                 request = server.takeRequest(1, TimeUnit.MILLISECONDS)) {
                used.add(permission(request.getMethod(), URI.create(request.getPath())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return used;
    }

    private static String permission(String method, URI request) {
        // /api/v1/nodes/n, /api/v1/namespaces/ns/pods, /apis/apps/v1/namespaces/ns/deployments/web
        List<String> segments = List.of(request.getPath().replaceFirst("^/apis?/", "").split("/"));
        List<String> rest = segments.subList(request.getPath().startsWith("/apis/") ? 2 : 1, segments.size());
        if (!rest.isEmpty() && rest.getFirst().equals("namespaces")) {
            rest = rest.subList(2, rest.size());
        }
        String resource = rest.getFirst();
        boolean named = rest.size() > 1;
        String query = request.getQuery() == null ? "" : request.getQuery();
        String verb = switch (method) {
            case "GET" -> query.contains("watch=true") ? "watch" : named ? "get" : "list";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            case "PUT" -> "update";
            case "POST" -> "create";
            default -> method;
        };
        return verb + " " + resource;
    }

    @Override
    public void close() {
        cluster.close();
        server.destroy();
    }

    public Deployment deployment(String namespace, String name, int replicas, String image, Map<String, String> templateAnnotations) {
        return cluster.apps().deployments().inNamespace(namespace).resource(new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().withMatchLabels(Map.of("app", name)).endSelector()
                .withTemplate(template(name, image, templateAnnotations)).endSpec()
                .build()).create();
    }

    StatefulSet statefulSet(String namespace, String name, int replicas, String image) {
        return cluster.apps().statefulSets().inNamespace(namespace).resource(new StatefulSetBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().withMatchLabels(Map.of("app", name)).endSelector()
                .withTemplate(template(name, image, Map.of())).endSpec()
                .build()).create();
    }

    DaemonSet daemonSet(String namespace, String name, String image) {
        return cluster.apps().daemonSets().inNamespace(namespace).resource(new DaemonSetBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().withNewSelector().withMatchLabels(Map.of("app", name)).endSelector()
                .withTemplate(template(name, image, Map.of())).endSpec()
                .build()).create();
    }

    public void node(String name, boolean unschedulable) {
        cluster.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withUnschedulable(unschedulable).endSpec().build()).create();
    }

    /** A ReplicaSet of the Deployment, as its controller would have made it for that revision. */
    ReplicaSet replicaSet(Deployment owner, String name, long revision, String image) {
        PodTemplateSpec template = new PodTemplateSpecBuilder(template(owner.getMetadata().getName(), image, Map.of()))
                .editMetadata().addToLabels(KubernetesObjects.POD_TEMPLATE_HASH, name.substring(name.lastIndexOf('-') + 1)).endMetadata()
                .build();
        return cluster.apps().replicaSets().inNamespace(owner.getMetadata().getNamespace()).resource(new ReplicaSetBuilder()
                .withNewMetadata().withName(name).withNamespace(owner.getMetadata().getNamespace())
                .addToAnnotations(KubernetesObjects.REVISION, Long.toString(revision))
                .withLabels(template.getMetadata().getLabels())
                .withOwnerReferences(controller(owner.getKind(), owner.getMetadata().getName(), owner.getMetadata().getUid())).endMetadata()
                .withNewSpec().withReplicas(0).withNewSelector().withMatchLabels(template.getMetadata().getLabels()).endSelector()
                .withTemplate(template).endSpec()
                .build()).create();
    }

    /** A pod controlled by that owner (a ReplicaSet, StatefulSet or DaemonSet), labelled like its siblings. */
    Pod pod(String namespace, String name, String app, String ownerKind, String ownerName, String ownerUid, boolean ready, int restarts) {
        return cluster.pods().inNamespace(namespace).resource(new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).withLabels(Map.of("app", app))
                .withOwnerReferences(controller(ownerKind, ownerName, ownerUid)).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("shop:1").endContainer().endSpec()
                .withNewStatus().addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .withContainerStatuses(new ContainerStatusBuilder().withName("app").withRestartCount(restarts).withReady(ready).build())
                .endStatus()
                .build()).create();
    }

    /** Plays the Deployment controller: the status it reports, for the Deployment's latest generation. */
    public void deploymentStatus(String namespace, String name, int replicas, int updated, int ready, int available) {
        cluster.apps().deployments().inNamespace(namespace).withName(name).editStatus(deployment -> {
            deployment.setStatus(new DeploymentStatusBuilder().withReplicas(replicas).withUpdatedReplicas(updated).withReadyReplicas(ready)
                    .withAvailableReplicas(available).withObservedGeneration(deployment.getMetadata().getGeneration()).build());
            return deployment;
        });
    }

    /** The pod template's annotations of a Deployment. */
    public Map<String, String> templateAnnotations(String namespace, String name) {
        Map<String, String> annotations = cluster.apps().deployments().inNamespace(namespace).withName(name).get().getSpec().getTemplate()
                .getMetadata().getAnnotations();
        return annotations == null ? Map.of() : annotations;
    }

    private static OwnerReference controller(String kind, String name, String uid) {
        return new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind(kind).withName(name).withUid(uid).withController(true).build();
    }

    private static PodTemplateSpec template(String app, String image, Map<String, String> annotations) {
        return new PodTemplateSpecBuilder().withNewMetadata().withLabels(Map.of("app", app)).withAnnotations(annotations.isEmpty() ? null
                        : annotations).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage(image).endContainer().endSpec()
                .build();
    }
}
