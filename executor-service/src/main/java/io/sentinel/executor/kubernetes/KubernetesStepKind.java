package io.sentinel.executor.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.sentinel.events.target.KubernetesRef;
import io.sentinel.events.target.TargetRef;
import io.sentinel.executor.step.StepKind;
import io.sentinel.executor.step.StepOutcome;
import io.sentinel.executor.template.TemplateVariables;
import io.sentinel.playbooks.KubernetesAction;
import io.sentinel.playbooks.KubernetesOperation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@code kubernetes} step kind: acts on the incident's inventory target through the API server
 * (docs/kubernetes-actions.md). Before anything is sent, the target must name a Kubernetes object that
 * the inventory lists as that target now, in a namespace the configuration allows; the values a step
 * renders are checked for what they must be. The whole operation runs within the step's timeout.
 * Like every kind it never throws: a refusal, an answer of the API server or a deadline is an outcome,
 * classified as retryable or not.
 */
public final class KubernetesStepKind implements StepKind<KubernetesAction> {

    /** Past the step's own timeout, how long the operation may take to give up by itself (a wait, a request) before it is abandoned. */
    private static final Duration GRACE = Duration.ofSeconds(2);
    private static final int MAX_DETAIL = 400;

    private final ClusterActions cluster;
    private final KubernetesScope scope;
    private final Clock clock;

    KubernetesStepKind(ClusterActions cluster, KubernetesScope scope, Clock clock) {
        this.cluster = cluster;
        this.scope = scope;
        this.clock = clock;
    }

    public static KubernetesStepKind of(KubernetesClient client, KubernetesScope scope, Clock clock) {
        return new KubernetesStepKind(new ClusterActions(client, clock), scope, clock);
    }

    @Override
    public String name() {
        return KubernetesAction.KIND;
    }

    @Override
    public Class<KubernetesAction> actionType() {
        return KubernetesAction.class;
    }

    @Override
    public StepOutcome run(KubernetesAction action, TemplateVariables variables) {
        TargetRef target = variables.target();
        if (target == null) {
            return StepOutcome.refused(TemplateVariables.NO_TARGET);
        }
        Optional<String> refusal = scope.refusal(target);
        if (refusal.isPresent()) {
            return StepOutcome.refused(refusal.get());
        }
        Optional<KubernetesOperation> operation = action.operation();
        if (operation.isEmpty()) {
            return StepOutcome.refused("kubernetes action '" + action.action() + "' is not one of " + KubernetesOperation.allWritten());
        }
        KubernetesRef object = target.kubernetes();
        long started = System.nanoTime();
        Instant deadline = clock.instant().plus(action.timeout());
        CompletableFuture<ClusterActions.Done> result = new CompletableFuture<>();
        // Its own thread, so that the deadline holds whatever the operation waits on; abandoned (interrupted) when it passes.
        Thread worker = Thread.ofVirtual().name("kubernetes-step").start(() -> {
            try {
                result.complete(cluster.run(operation.get(), object, action, variables, deadline));
            } catch (Throwable failure) {
                result.completeExceptionally(failure);
            }
        });
        try {
            ClusterActions.Done done = result.get(action.timeout().plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
            return StepOutcome.succeeded(done.detail(), millisSince(started), done.body());
        } catch (TimeoutException late) {
            worker.interrupt();
            return StepOutcome.failed(operation.get().written() + " on " + KubernetesObjects.describe(object) + ": no complete answer from "
                    + "the API server within the step's timeout of " + action.timeout().toMillis() + " ms", millisSince(started), true, null);
        } catch (ExecutionException failed) {
            return outcome(operation.get(), object, failed.getCause(), millisSince(started));
        } catch (InterruptedException interrupted) {
            worker.interrupt();
            Thread.currentThread().interrupt();
            return StepOutcome.failed(operation.get().written() + " on " + KubernetesObjects.describe(object) + " was interrupted",
                    millisSince(started), true, null);
        }
    }

    private static StepOutcome outcome(KubernetesOperation operation, KubernetesRef object, Throwable failure, long millis) {
        String what = operation.written() + " on " + KubernetesObjects.describe(object);
        return switch (failure) {
            case ActionFailure refused -> StepOutcome.failed(refused.getMessage(), millis, refused.retryable(), null);
            case KubernetesClientTimeoutException timedOut -> StepOutcome.failed(what + ": no answer in time", millis, true, null);
            case KubernetesClientException answered -> StepOutcome.failed(what + " failed: " + answer(answered), millis,
                    retryable(answered), null);
            default -> StepOutcome.failed(what + " failed: " + failure.getClass().getSimpleName(), millis, false, null);
        };
    }

    /**
     * Whether the same step may pass later: no answer (connection refused or reset, a timeout), a
     * conflict with a concurrent change, throttling, the server's own trouble. A refusal (401, 403),
     * an object that does not exist (404) or an invalid change (422) will fail the same way again.
     */
    static boolean retryable(KubernetesClientException failure) {
        int code = failure.getCode();
        return code <= 0 || code == 408 || code == 409 || code == 429 || code >= 500;
    }

    private static String answer(KubernetesClientException failure) {
        String text;
        if (failure.getCode() <= 0) {
            Throwable cause = failure;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            text = "no answer from the API server: " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : " " + cause.getMessage());
        } else {
            String message = failure.getStatus() != null && failure.getStatus().getMessage() != null ? failure.getStatus().getMessage()
                    : failure.getMessage();
            text = "HTTP " + failure.getCode() + " " + message;
        }
        String oneLine = text.replaceAll("[\\r\\n\\t]+", " ");
        return oneLine.length() > MAX_DETAIL ? oneLine.substring(0, MAX_DETAIL) + "..." : oneLine;
    }

    private static long millisSince(long started) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }
}
