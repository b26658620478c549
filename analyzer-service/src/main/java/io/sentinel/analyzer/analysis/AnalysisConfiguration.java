package io.sentinel.analyzer.analysis;

import io.sentinel.analyzer.heuristic.HeuristicAnalyst;
import io.sentinel.analyzer.heuristic.HeuristicProperties;
import io.sentinel.analyzer.llm.LanguageModel;
import io.sentinel.analyzer.redaction.Redactor;
import io.sentinel.playbooks.PlaybookCatalog;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class AnalysisConfiguration {

    @Bean
    HeuristicAnalyst heuristicAnalyst(HeuristicProperties properties, PlaybookCatalog catalog) {
        return HeuristicAnalyst.configure(properties, catalog);
    }

    @Bean
    IncidentAnalysis incidentAnalysis(HeuristicAnalyst heuristic, LanguageModel model, PlaybookCatalog catalog, Redactor redactor) {
        return new IncidentAnalysis(heuristic, new LlmAnalyst(model, catalog, heuristic, redactor), redactor);
    }
}
