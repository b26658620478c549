package io.sentinel.analyzer.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.analyzer.heuristic.HeuristicAnalyst;
import io.sentinel.analyzer.heuristic.HeuristicProperties;
import io.sentinel.analyzer.heuristic.HeuristicProperties.RuleMapping;
import io.sentinel.events.analysis.AnalysisCompleted;
import io.sentinel.events.analysis.Risk;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.incident.Observation;
import io.sentinel.events.incident.Severity;
import io.sentinel.playbooks.PlaybookCatalog;
import io.sentinel.runtime.inventory.InventoryProperties;
import io.sentinel.runtime.inventory.InventoryProperties.ConfiguredTarget;
import io.sentinel.runtime.inventory.TargetInventory;
import io.sentinel.runtime.settings.RuntimeSettings;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The analysis of an opening incident, on values alone: the environment is the inventory's, whatever the labels say. */
class IncidentAnalysisTest {

    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    private static final IncidentAnalysis ANALYSIS = new IncidentAnalysis(
            HeuristicAnalyst.configure(new HeuristicProperties(List.of(new RuleMapping("memory-usage-high", "release-memory", "Memory leak",
                    0.5, Map.of())), List.of("production")), PlaybookCatalog.load("classpath:playbooks/")),
            new TargetInventory(new InventoryProperties(null, List.of(new ConfiguredTarget("shop-staging", "staging",
                    List.of("http://shop.staging:8080"), null))), new RuntimeSettings()));

    @ParameterizedTest(name = "target {0} is in {1}")
    @CsvSource(nullValues = "none", value = {
            "shop-staging, staging, LOW",
            "shop-nobody-listed, production, MEDIUM",
            "none, production, MEDIUM"})
    void takesTheEnvironmentFromTheInventoryAndTheRiskFromIt(String target, String environment, Risk risk) {
        var incident = new IncidentOpened("inc-1", "f-1", "memory-usage-high|shop", "memory-usage-high", "Memory high", Severity.WARNING,
                "shop", Map.of("environment", "staging"), new Observation("memory_usage_ratio", 0.75, 0.6, "above 0.6", T0), T0, target);

        AnalysisCompleted analysis = ANALYSIS.analyze(incident, "opened-1");

        assertThat(analysis.environment()).isEqualTo(environment);
        assertThat(analysis.risk()).isEqualTo(risk);
        assertThat(analysis.causationId()).isEqualTo("opened-1");
        assertThat(analysis.fallbackReason()).isEqualTo(IncidentAnalysis.NO_LLM);
    }
}
