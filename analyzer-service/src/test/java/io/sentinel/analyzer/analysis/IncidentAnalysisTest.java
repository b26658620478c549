package io.sentinel.analyzer.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.analyzer.context.IncidentContext;
import io.sentinel.analyzer.context.LogLine;
import io.sentinel.analyzer.heuristic.HeuristicAnalyst;
import io.sentinel.analyzer.heuristic.HeuristicProperties;
import io.sentinel.analyzer.heuristic.HeuristicProperties.RuleMapping;
import io.sentinel.analyzer.llm.LanguageModel;
import io.sentinel.analyzer.redaction.Redactor;
import io.sentinel.events.analysis.AnalysisCompleted;
import io.sentinel.events.analysis.Analyst;
import io.sentinel.events.analysis.Risk;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.incident.Observation;
import io.sentinel.events.incident.Severity;
import io.sentinel.playbooks.PlaybookCatalog;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The analysis of an opening incident without a model: the heuristic answers, says why, and publishes nothing secret. */
class IncidentAnalysisTest {

    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    private static final PlaybookCatalog CATALOG = PlaybookCatalog.load("classpath:playbooks/");
    private static final HeuristicAnalyst HEURISTIC = HeuristicAnalyst.configure(new HeuristicProperties(List.of(
            new RuleMapping("memory-usage-high", "release-memory", "Memory leak", 0.5, Map.of())), List.of("production")), CATALOG);
    private static final Redactor REDACTOR = Redactor.builtIn();
    private static final IncidentAnalysis ANALYSIS = new IncidentAnalysis(HEURISTIC,
            new LlmAnalyst(LanguageModel.notConfigured(LanguageModel.NOT_CONFIGURED), CATALOG, HEURISTIC, REDACTOR), REDACTOR);

    @Test
    void withoutAModelTheHeuristicAnswersAndNamesThePropertiesToSet() {
        AnalysisCompleted analysis = ANALYSIS.analyze(IncidentContext.of(incident("above 0.6 for 30s"), "production", null), "opened-1");

        assertThat(analysis.analyst()).isEqualTo(Analyst.HEURISTIC);
        assertThat(analysis.analystLabel()).isEqualTo("heuristic");
        assertThat(analysis.fallbackReason()).isEqualTo(
                "no LLM configured (set sentinel.analyzer.llm.base-url and .model, or SENTINEL_LLM_BASE_URL and SENTINEL_LLM_MODEL)");
        assertThat(analysis.usage()).as("no model was asked").isNull();
        assertThat(analysis.risk()).isEqualTo(Risk.MEDIUM);
        assertThat(analysis.causationId()).isEqualTo("opened-1");
    }

    @Test
    void redactsSecretsFromTheEvidenceItPublishes() {
        IncidentContext context = new IncidentContext(incident("login failed for password=hunter2"), "staging", null, List.of(),
                List.of(new LogLine("ERROR", "upstream call with Authorization: Bearer abcdef0123456789 failed", null, T0)), List.of(), List.of());

        AnalysisCompleted analysis = ANALYSIS.analyze(context, "opened-2");

        assertThat(String.join("\n", analysis.evidence())).doesNotContain("hunter2").doesNotContain("abcdef0123456789")
                .contains("password=[REDACTED:secret-value]").contains("Bearer [REDACTED:bearer]");
    }

    private static IncidentOpened incident(String detail) {
        return new IncidentOpened("inc-1", "f-1", "memory-usage-high|shop", "memory-usage-high", "Memory high", Severity.WARNING,
                "shop", Map.of("environment", "staging"), new Observation("memory_usage_ratio", 0.75, 0.6, detail, T0), T0, null);
    }
}
