package io.sentinel.analyzer.analysis;

import io.sentinel.analyzer.heuristic.HeuristicAnalyst;
import io.sentinel.analyzer.heuristic.HeuristicProperties;
import io.sentinel.playbooks.PlaybookCatalog;
import io.sentinel.runtime.inventory.TargetInventory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class AnalysisConfiguration {

    @Bean
    HeuristicAnalyst heuristicAnalyst(HeuristicProperties properties, PlaybookCatalog catalog) {
        return HeuristicAnalyst.configure(properties, catalog);
    }

    @Bean
    IncidentAnalysis incidentAnalysis(HeuristicAnalyst heuristic, TargetInventory inventory) {
        return new IncidentAnalysis(heuristic, inventory);
    }
}
