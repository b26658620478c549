package io.sentinel.executor;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.sentinel.executor.action.ActionRunner;
import io.sentinel.executor.action.RunDeadlineProperties;
import io.sentinel.executor.action.RunDeadlines;
import io.sentinel.executor.db.ExecutionJournal;
import io.sentinel.executor.db.ExecutionStore;
import io.sentinel.executor.execution.ExecutionMetrics;
import io.sentinel.executor.execution.ExecutionVariables;
import io.sentinel.executor.http.HostResolver;
import io.sentinel.executor.http.HttpStepClient;
import io.sentinel.executor.http.HttpStepProperties;
import io.sentinel.executor.http.StepTransport;
import io.sentinel.executor.intake.ActionIntake;
import io.sentinel.executor.kubernetes.KubernetesConnection;
import io.sentinel.executor.kubernetes.KubernetesScope;
import io.sentinel.executor.kubernetes.KubernetesStepKind;
import io.sentinel.executor.kubernetes.KubernetesStepProperties;
import io.sentinel.executor.precondition.Preconditions;
import io.sentinel.executor.recovery.StartupRecovery;
import io.sentinel.executor.rollback.Rollback;
import io.sentinel.executor.secrets.SecretStore;
import io.sentinel.executor.secrets.SecretsProperties;
import io.sentinel.executor.step.StepKinds;
import io.sentinel.executor.step.StepRunner;
import io.sentinel.executor.target.TargetCheck;
import io.sentinel.executor.verification.ClearingJudge;
import io.sentinel.executor.verification.VerificationDeadlines;
import io.sentinel.executor.verification.Verifier;
import io.sentinel.playbooks.PlaybookCatalog;
import io.sentinel.runtime.inventory.TargetInventory;
import io.sentinel.runtime.outbox.EventOutbox;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the executor's stages are put together: intake → action → verification → rollback, each step
 * run by the kind its action names. The one place step kinds are composed: a new kind is one more
 * argument to {@link #stepKinds}.
 */
@Configuration
class ExecutorConfiguration {

    @Bean
    ExecutionMetrics executionMetrics(MeterRegistry meters) {
        return new ExecutionMetrics(meters);
    }

    @Bean
    SecretStore secretStore(SecretsProperties properties) {
        return new SecretStore(properties.directory(), System.getenv());
    }

    @Bean
    HostResolver hostResolver() {
        return HostResolver.SYSTEM;
    }

    @Bean
    StepTransport stepTransport(HttpStepProperties properties) {
        return new StepTransport(properties.connectTimeout(), properties.maxResponseBytes().toBytes());
    }

    @Bean
    HttpStepClient httpStepClient(HttpStepProperties properties, HostResolver resolver, StepTransport transport, SecretStore secrets) {
        return new HttpStepClient(properties, resolver, transport, secrets);
    }

    /** Built at start-up without contacting the API server: in-cluster, kubeconfig or master URL (sentinel.executor.kubernetes). */
    @Bean(destroyMethod = "close")
    KubernetesClient kubernetesClient(KubernetesStepProperties properties) {
        return KubernetesConnection.client(properties);
    }

    @Bean
    KubernetesStepKind kubernetesStepKind(KubernetesClient client, KubernetesStepProperties properties, TargetInventory inventory,
                                          Clock clock) {
        return KubernetesStepKind.of(client, new KubernetesScope(properties.allowedNamespaces(), properties.nodesAllowed(), inventory::find),
                clock);
    }

    /** Every kind of step this executor runs; a catalog with a step of any other kind stops it at start-up. */
    @Bean
    StepKinds stepKinds(HttpStepClient http, KubernetesStepKind kubernetes, PlaybookCatalog catalog) {
        StepKinds kinds = new StepKinds(List.of(http, kubernetes));
        kinds.requireRunnable(catalog);
        return kinds;
    }

    @Bean
    Preconditions preconditions(TargetInventory inventory, SecretStore secrets) {
        return new Preconditions(new TargetCheck(inventory), secrets);
    }

    @Bean
    ExecutionVariables executionVariables(SecretStore secrets) {
        return new ExecutionVariables(secrets);
    }

    @Bean
    ExecutionStore executionStore(Jdbi jdbi) {
        return new ExecutionStore(jdbi);
    }

    @Bean
    ExecutionJournal executionJournal(Jdbi jdbi, EventOutbox outbox, Clock clock, ExecutionMetrics metrics) {
        return new ExecutionJournal(jdbi, outbox, clock, metrics);
    }

    @Bean
    StepRunner stepRunner(StepKinds kinds, ExecutionJournal journal, ExecutionMetrics metrics) {
        return new StepRunner(kinds, journal, metrics);
    }

    @Bean
    Rollback rollback(ExecutionStore executions, ExecutionJournal journal, StepRunner steps, ExecutionVariables variables) {
        return new Rollback(executions, journal, steps, variables);
    }

    @Bean
    Verifier verifier(ExecutionStore executions, PlaybookCatalog catalog, ExecutionJournal journal, StepRunner steps, Rollback rollback,
                      ExecutionVariables variables) {
        return new Verifier(executions, catalog, journal, steps, rollback, variables);
    }

    @Bean
    VerificationDeadlines verificationDeadlines(ExecutionStore executions, PlaybookCatalog catalog, ExecutionJournal journal,
                                                Verifier verifier, Rollback rollback, Clock clock) {
        return new VerificationDeadlines(executions, catalog, journal, verifier, rollback, clock);
    }

    @Bean
    RunDeadlines runDeadlines(ExecutionStore executions, PlaybookCatalog catalog, ExecutionJournal journal, Rollback rollback,
                              Clock clock) {
        return new RunDeadlines(executions, catalog, journal, rollback, clock);
    }

    @Bean
    ClearingJudge clearingJudge(Verifier verifier, ExecutionMetrics metrics, Clock clock) {
        return new ClearingJudge(verifier, metrics, clock);
    }

    @Bean
    ActionRunner actionRunner(ExecutionStore executions, PlaybookCatalog catalog, ExecutionJournal journal, StepRunner steps,
                              Verifier verifier, Rollback rollback, Preconditions preconditions, ExecutionVariables variables,
                              RunDeadlineProperties deadlines, Clock clock) {
        return new ActionRunner(executions, catalog, journal, steps, verifier, rollback, preconditions, variables, deadlines, clock);
    }

    @Bean
    ActionIntake actionIntake(PlaybookCatalog catalog, Preconditions preconditions, ActionRunner runner, ExecutionMetrics metrics) {
        return new ActionIntake(catalog, preconditions, runner, metrics);
    }

    @Bean
    StartupRecovery startupRecovery(ExecutionStore executions, PlaybookCatalog catalog, ExecutionJournal journal, Rollback rollback,
                                    Verifier verifier) {
        return new StartupRecovery(executions, catalog, journal, rollback, verifier);
    }
}
