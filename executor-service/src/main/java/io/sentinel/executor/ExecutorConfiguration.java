package io.sentinel.executor;

import io.micrometer.core.instrument.MeterRegistry;
import io.sentinel.executor.action.ActionRunner;
import io.sentinel.executor.action.RunDeadlineProperties;
import io.sentinel.executor.action.RunDeadlines;
import io.sentinel.executor.execution.ExecutionJournal;
import io.sentinel.executor.execution.ExecutionMetrics;
import io.sentinel.executor.execution.ExecutionVariables;
import io.sentinel.executor.execution.StepRunner;
import io.sentinel.executor.http.HostResolver;
import io.sentinel.executor.http.HttpStepClient;
import io.sentinel.executor.http.HttpStepProperties;
import io.sentinel.executor.http.StepTransport;
import io.sentinel.executor.intake.ActionIntake;
import io.sentinel.executor.precondition.Preconditions;
import io.sentinel.executor.recovery.StartupRecovery;
import io.sentinel.executor.rollback.Rollback;
import io.sentinel.executor.secrets.SecretStore;
import io.sentinel.executor.secrets.SecretsProperties;
import io.sentinel.executor.target.TargetCheck;
import io.sentinel.executor.verification.ConditionTracker;
import io.sentinel.executor.verification.VerificationDeadlines;
import io.sentinel.executor.verification.Verifier;
import io.sentinel.playbooks.PlaybookCatalog;
import io.sentinel.runtime.inventory.TargetInventory;
import io.sentinel.runtime.outbox.EventOutbox;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How the executor's stages are put together: intake → action → verification → rollback. */
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

    @Bean
    Preconditions preconditions(TargetInventory inventory, SecretStore secrets) {
        return new Preconditions(new TargetCheck(inventory), secrets);
    }

    @Bean
    ExecutionVariables executionVariables(SecretStore secrets) {
        return new ExecutionVariables(secrets);
    }

    @Bean
    ExecutionJournal executionJournal(Jdbi jdbi, EventOutbox outbox, Clock clock, ExecutionMetrics metrics) {
        return new ExecutionJournal(jdbi, outbox, clock, metrics);
    }

    @Bean
    StepRunner stepRunner(HttpStepClient http, ExecutionJournal journal, ExecutionMetrics metrics) {
        return new StepRunner(http, journal, metrics);
    }

    @Bean
    Rollback rollback(Jdbi jdbi, ExecutionJournal journal, StepRunner steps, ExecutionVariables variables) {
        return new Rollback(jdbi, journal, steps, variables);
    }

    @Bean
    Verifier verifier(Jdbi jdbi, PlaybookCatalog catalog, ExecutionJournal journal, StepRunner steps, Rollback rollback,
                      ExecutionVariables variables) {
        return new Verifier(jdbi, catalog, journal, steps, rollback, variables);
    }

    @Bean
    VerificationDeadlines verificationDeadlines(Jdbi jdbi, PlaybookCatalog catalog, ExecutionJournal journal, Verifier verifier,
                                                Rollback rollback, Clock clock) {
        return new VerificationDeadlines(jdbi, catalog, journal, verifier, rollback, clock);
    }

    @Bean
    RunDeadlines runDeadlines(Jdbi jdbi, PlaybookCatalog catalog, ExecutionJournal journal, Rollback rollback, Clock clock) {
        return new RunDeadlines(jdbi, catalog, journal, rollback, clock);
    }

    @Bean
    ConditionTracker conditionTracker(Verifier verifier) {
        return new ConditionTracker(verifier);
    }

    @Bean
    ActionRunner actionRunner(Jdbi jdbi, PlaybookCatalog catalog, ExecutionJournal journal, StepRunner steps, Verifier verifier,
                              Rollback rollback, Preconditions preconditions, ExecutionVariables variables,
                              RunDeadlineProperties deadlines, Clock clock) {
        return new ActionRunner(jdbi, catalog, journal, steps, verifier, rollback, preconditions, variables, deadlines, clock);
    }

    @Bean
    ActionIntake actionIntake(PlaybookCatalog catalog, Preconditions preconditions, ActionRunner runner, ExecutionMetrics metrics) {
        return new ActionIntake(catalog, preconditions, runner, metrics);
    }

    @Bean
    StartupRecovery startupRecovery(Jdbi jdbi, PlaybookCatalog catalog, ExecutionJournal journal, Rollback rollback, Verifier verifier) {
        return new StartupRecovery(jdbi, catalog, journal, rollback, verifier);
    }
}
