package io.sentinel.analyzer.heuristic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentinel.analyzer.context.IncidentContext;
import io.sentinel.analyzer.context.LogLine;
import io.sentinel.analyzer.context.SeriesPoint;
import io.sentinel.analyzer.history.PastIncident;
import io.sentinel.analyzer.heuristic.HeuristicProperties.RuleMapping;
import io.sentinel.events.analysis.AnalysisCompleted;
import io.sentinel.events.analysis.Analyst;
import io.sentinel.events.analysis.Risk;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.incident.Observation;
import io.sentinel.events.incident.Severity;
import io.sentinel.playbooks.PlaybookCatalog;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class HeuristicAnalystTest {

    private static final PlaybookCatalog CATALOG = PlaybookCatalog.load("classpath:playbooks/");
    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    private static final String NO_MODEL = "no LLM configured (test)";
    private static final HeuristicAnalyst ANALYST = HeuristicAnalyst.configure(new HeuristicProperties(List.of(
            new RuleMapping("memory-usage-high", "release-memory", "Memory leak", 0.5, Map.of()),
            new RuleMapping("error-rate-high", "restart-service", "Process wedged", 0.3, Map.of("reason", "error-rate-high"))),
            List.of("production")), CATALOG);

    static Stream<Arguments> analyses() {
        return Stream.of(
                Arguments.of("a low-risk playbook stays low outside production",
                        "memory-usage-high", "staging", "release-memory", Map.of("reason", "sentinel"), Risk.LOW, 0.5),
                Arguments.of("production raises the playbook's risk one level",
                        "memory-usage-high", "production", "release-memory", Map.of("reason", "sentinel"), Risk.MEDIUM, 0.5),
                Arguments.of("an environment nobody listed as elevated is not elevated",
                        "memory-usage-high", "development", "release-memory", Map.of("reason", "sentinel"), Risk.LOW, 0.5),
                Arguments.of("mapped parameters are proposed with the playbook's defaults filled in",
                        "error-rate-high", "staging", "restart-service", Map.of("reason", "error-rate-high", "grace-seconds", "30"),
                        Risk.MEDIUM, 0.3),
                Arguments.of("a medium-risk playbook becomes high in production",
                        "error-rate-high", "production", "restart-service", Map.of("reason", "error-rate-high", "grace-seconds", "30"),
                        Risk.HIGH, 0.3),
                Arguments.of("an unknown rule proposes nothing, at low risk and no confidence, even in production",
                        "disk-full", "production", null, null, Risk.LOW, 0.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("analyses")
    void mapsTheIncidentsRuleToAPlaybookAndItsRisk(String scenario, String rule, String environment, String playbook,
                                                   Map<String, String> parameters, Risk risk, double confidence) {
        AnalysisCompleted analysis = analyze(incident(rule, environment), "cause-1", environment);

        if (playbook == null) {
            assertThat(analysis.proposedAction()).isNull();
        } else {
            assertThat(analysis.proposedAction().playbookId()).isEqualTo(playbook);
            assertThat(analysis.proposedAction().parameters()).isEqualTo(parameters);
        }
        assertThat(analysis.risk()).isEqualTo(risk);
        assertThat(analysis.confidence()).isEqualTo(confidence);
        assertThat(analysis.environment()).isEqualTo(environment);
    }

    @Test
    void labelsItsAnswerAsHeuristicAndSaysWhyNoModelAnswered() {
        AnalysisCompleted analysis = analyze(incident("memory-usage-high", "staging"), "cause-1", "staging");

        assertThat(analysis.analyst()).isEqualTo(Analyst.HEURISTIC);
        assertThat(analysis.model()).isNull();
        assertThat(analysis.fallbackReason()).isEqualTo(NO_MODEL);
        assertThat(analysis.rootCause()).isEqualTo("Memory leak");
        assertThat(analysis.causationId()).isEqualTo("cause-1");
        assertThat(analysis.incidentId()).isEqualTo("inc-1");
        assertThat(analysis.resource()).isEqualTo("shop");
        assertThat(analysis.labels()).containsEntry("service", "shop").containsEntry("environment", "staging");
    }

    @Test
    void judgesRiskByTheEnvironmentItIsGivenNotByTheIncidentsLabels() {
        AnalysisCompleted analysis = analyze(incident("memory-usage-high", "staging"), "cause-1", "production");

        assertThat(analysis.environment()).isEqualTo("production");
        assertThat(analysis.risk()).as("the label says staging; the inventory says production").isEqualTo(Risk.MEDIUM);
    }

    @Test
    void anExternalAlertNamedLikeADetectorRuleReachesNoPlaybook() {
        AnalysisCompleted analysis = analyze(incident("alert:memory-usage-high", "staging"), "cause-1", "staging");

        assertThat(analysis.proposedAction()).as("only a mapping for 'alert:memory-usage-high' could propose one").isNull();
    }

    @Test
    void asksForAHumanWhenNoHeuristicKnowsTheRule() {
        assertThat(analyze(incident("disk-full", "staging"), "cause-1", "staging").rootCause())
                .isEqualTo("No heuristic knows rule 'disk-full'; a human needs to look");
    }

    @Test
    void citesTheObservationAndLabelsAsEvidence() {
        assertThat(analyze(incident("memory-usage-high", "staging"), "cause-1", "staging").evidence()).containsExactly(
                "memory_usage_ratio was 0.75 (threshold 0.6) at 2026-11-23T12:00:00Z",
                "detector rule memory-usage-high: above 0.6 since 2026-11-23T11:59:30Z (30s)",
                "labels: environment=staging, service=shop");
    }

    @Test
    void citesANonNumericObservationWithoutInventingAValue() {
        var heartbeat = new IncidentOpened("inc-2", "sig-2", "fp", "heartbeat-missing", "No heartbeat", Severity.CRITICAL, "batch",
                Map.of(), new Observation("heartbeat", null, null, null, T0), T0, null);

        assertThat(analyze(heartbeat, "cause-2", "production").evidence()).containsExactly("heartbeat observed at 2026-11-23T12:00:00Z");
    }

    @Test
    void citesTheSignalsTrendErrorLinesAndSimilarPastIncidentsFromItsContext() {
        IncidentOpened incident = incident("memory-usage-high", "staging");
        IncidentContext context = new IncidentContext(incident, "staging", null,
                List.of(new SeriesPoint("memory_usage_ratio{pod=\"a\"}", "memory_usage_ratio", T0.minusSeconds(120), 0.5),
                        new SeriesPoint("memory_usage_ratio{pod=\"a\"}", "memory_usage_ratio", T0.minusSeconds(60), 0.9),
                        new SeriesPoint("memory_usage_ratio{pod=\"a\"}", "memory_usage_ratio", T0, 0.75)),
                List.of(new LogLine("ERROR", "java.lang.OutOfMemoryError: Java heap space", null, T0.minusSeconds(5)),
                        new LogLine("INFO", "GC pause 900ms", null, T0.minusSeconds(4))),
                List.of(),
                List.of(new PastIncident("inc-0", "memory-usage-high", "shop", "Memory high on shop", T0.minusSeconds(86_400), "Leak",
                        "release-memory (reason=sentinel)", "verified", 0.91)));

        AnalysisCompleted analysis = ANALYST.analyze(context, "cause-1", NO_MODEL);

        assertThat(analysis.evidence()).contains(
                "memory_usage_ratio{pod=\"a\"} went from 0.5 at 2026-11-23T11:58:00Z to 0.75 at 2026-11-23T12:00:00Z (min 0.5, max 0.9, 3 points)",
                "log ERROR at 2026-11-23T11:59:55Z: java.lang.OutOfMemoryError: Java heap space",
                "similar past incident inc-0 (memory-usage-high on shop, similarity 0.91): remediated by release-memory (reason=sentinel), verified");
        assertThat(analysis.evidence()).noneMatch(line -> line.contains("GC pause"));
        assertThat(analysis.similarIncidents()).containsExactly("inc-0");
    }

    @Test
    void refusesAMappingToAPlaybookTheCatalogDoesNotHave() {
        assertConfigurationFails(new RuleMapping("memory-usage-high", "release-memroy", "Leak", 0.5, Map.of()),
                "sentinel.analyzer.heuristic.rules[0].playbook: no playbook 'release-memroy' in the catalog");
    }

    @Test
    void refusesParametersThePlaybookWouldReject() {
        assertConfigurationFails(new RuleMapping("memory-usage-high", "release-memory", "Leak", 0.5, Map.of("shell", "rm")),
                "sentinel.analyzer.heuristic.rules[0].parameters: playbook 'release-memory' has no parameter 'shell'");
        assertConfigurationFails(new RuleMapping("error-rate-high", "restart-service", "Wedged", 0.5, Map.of()),
                "sentinel.analyzer.heuristic.rules[0].parameters: parameter 'reason' is required");
        assertConfigurationFails(new RuleMapping("error-rate-high", "restart-service", "Wedged", 0.5, Map.of("reason", "A B")),
                "sentinel.analyzer.heuristic.rules[0].parameters: parameter 'reason' does not match");
    }

    @Test
    void refusesMappingsThatCannotMeanAnything() {
        assertThatThrownBy(() -> new HeuristicProperties(List.of(new RuleMapping("r", "release-memory", "Leak", 1.5, null)), null))
                .hasMessage("sentinel.analyzer.heuristic.rules[0].confidence must be within [0, 1], was 1.5");
        assertThatThrownBy(() -> new HeuristicProperties(List.of(
                new RuleMapping("r", "release-memory", "Leak", 0.5, null),
                new RuleMapping("r", "restart-service", "Wedged", 0.5, null)), null))
                .hasMessage("sentinel.analyzer.heuristic.rules[1].rule: rule 'r' is mapped twice");
        assertThatThrownBy(() -> new HeuristicProperties(List.of(new RuleMapping("r", "release-memory", " ", 0.5, null)), null))
                .hasMessageStartingWith("sentinel.analyzer.heuristic.rules[0].root-cause");
    }

    @Test
    void defaultsToHalfConfidenceNoParametersAndElevatingProduction() {
        var source = new MapConfigurationPropertySource(Map.of(
                "sentinel.analyzer.heuristic.rules[0].rule", "memory-usage-high",
                "sentinel.analyzer.heuristic.rules[0].playbook", "release-memory",
                "sentinel.analyzer.heuristic.rules[0].root-cause", "Leak"));

        HeuristicProperties properties = new Binder(source).bind("sentinel.analyzer.heuristic", HeuristicProperties.class).get();

        assertThat(properties.elevateRiskIn()).containsExactly("production");
        assertThat(properties.rules()).singleElement().satisfies(mapping -> {
            assertThat(mapping.confidence()).isEqualTo(0.5);
            assertThat(mapping.parameters()).isEmpty();
        });
    }

    private static AnalysisCompleted analyze(IncidentOpened incident, String causationId, String environment) {
        return ANALYST.analyze(IncidentContext.of(incident, environment, null), causationId, NO_MODEL);
    }

    private static void assertConfigurationFails(RuleMapping mapping, String expected) {
        assertThatThrownBy(() -> HeuristicAnalyst.configure(new HeuristicProperties(List.of(mapping), null), CATALOG))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(expected);
    }

    private static IncidentOpened incident(String rule, String environment) {
        Map<String, String> labels = new HashMap<>(Map.of("service", "shop"));
        if (environment != null) {
            labels.put("environment", environment);
        }
        return new IncidentOpened("inc-1", "sig-1", rule + "|shop", rule, "Something is high on shop", Severity.WARNING, "shop", labels,
                new Observation("memory_usage_ratio", 0.75, 0.6, "above 0.6 since 2026-11-23T11:59:30Z (30s)", T0), T0, null);
    }
}
