package io.sentinel.executor;

import io.micrometer.core.instrument.MeterRegistry;
import io.sentinel.executor.action.ActionRunner;
import io.sentinel.executor.execution.ExecutionJournal;
import io.sentinel.executor.execution.ExecutionMetrics;
import io.sentinel.executor.execution.StepRunner;
import io.sentinel.executor.http.HttpStepClient;
import io.sentinel.executor.http.HttpStepProperties;
import io.sentinel.executor.intake.ActionIntake;
import io.sentinel.executor.recovery.StartupRecovery;
import io.sentinel.executor.rollback.Rollback;
import io.sentinel.executor.verification.ConditionTracker;
import io.sentinel.executor.verification.VerificationDeadlines;
import io.sentinel.executor.verification.Verifier;
import io.sentinel.playbooks.PlaybookCatalog;
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
    HttpStepClient httpStepClient(HttpStepProperties properties) {
        return new HttpStepClient(properties);
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
    Rollback rollback(Jdbi jdbi, ExecutionJournal journal, StepRunner steps) {
        return new Rollback(jdbi, journal, steps);
    }

    @Bean
    Verifier verifier(Jdbi jdbi, PlaybookCatalog catalog, ExecutionJournal journal, StepRunner steps, Rollback rollback) {
        return new Verifier(jdbi, catalog, journal, steps, rollback);
    }

    @Bean
    VerificationDeadlines verificationDeadlines(Jdbi jdbi, PlaybookCatalog catalog, ExecutionJournal journal, Verifier verifier,
                                                Rollback rollback, Clock clock) {
        return new VerificationDeadlines(jdbi, catalog, journal, verifier, rollback, clock);
    }

    @Bean
    ConditionTracker conditionTracker(Verifier verifier) {
        return new ConditionTracker(verifier);
    }

    @Bean
    ActionRunner actionRunner(Jdbi jdbi, PlaybookCatalog catalog, ExecutionJournal journal, StepRunner steps, Verifier verifier,
                              Rollback rollback, Clock clock) {
        return new ActionRunner(jdbi, catalog, journal, steps, verifier, rollback, clock);
    }

    @Bean
    ActionIntake actionIntake(PlaybookCatalog catalog, ActionRunner runner, ExecutionMetrics metrics) {
        return new ActionIntake(catalog, runner, metrics);
    }

    @Bean
    StartupRecovery startupRecovery(Jdbi jdbi, PlaybookCatalog catalog, ExecutionJournal journal, Rollback rollback, Verifier verifier) {
        return new StartupRecovery(jdbi, catalog, journal, rollback, verifier);
    }
}
