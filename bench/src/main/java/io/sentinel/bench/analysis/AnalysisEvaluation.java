package io.sentinel.bench.analysis;

import io.sentinel.analyzer.analysis.IncidentAnalysis;
import io.sentinel.analyzer.analysis.LlmAnalyst;
import io.sentinel.analyzer.heuristic.HeuristicAnalyst;
import io.sentinel.analyzer.heuristic.HeuristicProperties;
import io.sentinel.analyzer.llm.LanguageModel;
import io.sentinel.analyzer.llm.LlmGuard;
import io.sentinel.analyzer.llm.LlmProperties;
import io.sentinel.analyzer.llm.OpenAiCompatible;
import io.sentinel.analyzer.llm.UsageLedger;
import io.sentinel.analyzer.redaction.Redactor;
import io.sentinel.events.analysis.AnalysisCompleted;
import io.sentinel.playbooks.PlaybookCatalog;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The analysis evaluation: every labelled scenario under {@code analysis-evaluation/scenarios}
 * through the heuristic, and through the configured model when {@code SENTINEL_LLM_BASE_URL} and
 * {@code SENTINEL_LLM_MODEL} are set, with the evaluation's own playbook catalog and rule table.
 * Prints, per analyst, how often the proposed playbook and the risk were the labelled ones, how many
 * proposals fell outside the catalog (published: must be none; answers the catalog check rejected),
 * and the latency of one analysis (p50, p95). Run with {@code ./sentinel bench analysis}.
 */
public final class AnalysisEvaluation {

    private static final String BASE = "analysis-evaluation/";

    private AnalysisEvaluation() {
    }

    public static void main(String[] args) throws IOException {
        int repetitions = Integer.getInteger("repetitions", 200);
        PlaybookCatalog catalog = PlaybookCatalog.load("classpath:" + BASE + "playbooks/");
        HeuristicAnalyst heuristic = HeuristicAnalyst.configure(heuristicProperties(), catalog);
        Redactor redactor = Redactor.builtIn();
        List<Scenario> scenarios = Scenarios.load("classpath:" + BASE + "scenarios/");

        System.out.printf(Locale.ROOT, "%n== Sentinel analysis evaluation, %s, %d cores, Java %s ==%n", Instant.now(),
                Runtime.getRuntime().availableProcessors(), Runtime.version());
        System.out.printf(Locale.ROOT, "%d labelled scenarios %s; catalog of %d playbooks%n", scenarios.size(), Scenarios.classes(scenarios),
                catalog.all().size());

        IncidentAnalysis withoutModel = new IncidentAnalysis(heuristic,
                new LlmAnalyst(LanguageModel.notConfigured(LanguageModel.NOT_CONFIGURED), catalog, heuristic, redactor), redactor);
        List<Result> heuristicResults = evaluate(scenarios, withoutModel, repetitions);
        report("heuristic", scenarios, heuristicResults, repetitions, catalog);

        LlmProperties model = modelFromEnvironment();
        if (model == null) {
            System.out.println("\nno model evaluated: set SENTINEL_LLM_BASE_URL, SENTINEL_LLM_MODEL (and SENTINEL_LLM_API_KEY) to evaluate one");
        } else {
            try (LlmGuard guard = new LlmGuard(model.resilience())) {
                LanguageModel language = OpenAiCompatible.languageModel(model, redactor, guard, new UnmeteredLedger(), Clock.systemUTC());
                IncidentAnalysis withModel = new IncidentAnalysis(heuristic, new LlmAnalyst(language, catalog, heuristic, redactor), redactor);
                report("llm:" + model.model(), scenarios, evaluate(scenarios, withModel, 1), 1, catalog);
            }
        }
        System.exit(0);
    }

    private record Result(AnalysisCompleted analysis, int rejectedByCatalog, long[] nanos) {
    }

    private static List<Result> evaluate(List<Scenario> scenarios, IncidentAnalysis analysis, int repetitions) {
        List<Result> results = new ArrayList<>();
        for (int index = 0; index < scenarios.size(); index++) {
            var context = scenarios.get(index).context(index);
            long[] nanos = new long[repetitions];
            IncidentAnalysis.Explained explained = null;
            for (int run = 0; run < repetitions; run++) {
                long start = System.nanoTime();
                explained = analysis.explain(context, "evaluation-" + index);
                nanos[run] = System.nanoTime() - start;
            }
            results.add(new Result(Objects.requireNonNull(explained).analysis(), explained.rejectedByCatalog(), nanos));
        }
        return results;
    }

    private static void report(String analyst, List<Scenario> scenarios, List<Result> results, int repetitions, PlaybookCatalog catalog) {
        System.out.printf(Locale.ROOT, "%n-- %s --%n", analyst);
        int playbooks = 0;
        int risks = 0;
        int both = 0;
        int outsideCatalog = 0;
        int rejected = 0;
        int fallbacks = 0;
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < scenarios.size(); i++) {
            Scenario scenario = scenarios.get(i);
            AnalysisCompleted analysis = results.get(i).analysis();
            String proposed = analysis.proposedAction() == null ? null : analysis.proposedAction().playbookId();
            boolean playbookRight = Objects.equals(proposed, scenario.expected().playbook());
            boolean riskRight = analysis.risk() == scenario.expected().risk();
            playbooks += playbookRight ? 1 : 0;
            risks += riskRight ? 1 : 0;
            both += playbookRight && riskRight ? 1 : 0;
            rejected += results.get(i).rejectedByCatalog();
            // A published proposal must pass the catalog: checked here again, not taken on the analyzer's word.
            if (analysis.proposedAction() != null && !catalog.check(analysis.proposedAction()).valid()) {
                outsideCatalog++;
            }
            fallbacks += analyst.startsWith("llm:") && analysis.analystLabel().equals("heuristic") ? 1 : 0;
            Arrays.stream(results.get(i).nanos()).forEach(latencies::add);
            System.out.printf(Locale.ROOT, "  %s %-38s expected %-26s got %-26s%s%n", playbookRight && riskRight ? "ok  " : "MISS",
                    scenario.file().replace(".yaml", ""), label(scenario.expected().playbook(), scenario.expected().risk().name()),
                    label(proposed, analysis.risk().name()),
                    analysis.fallbackReason() == null || !analyst.startsWith("llm:") ? "" : "  (heuristic: " + cut(analysis.fallbackReason()) + ")");
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        int n = scenarios.size();
        System.out.printf(Locale.ROOT, "  playbook right: %d/%d (%.0f%%); risk right: %d/%d (%.0f%%); both: %d/%d (%.0f%%)%n",
                playbooks, n, 100.0 * playbooks / n, risks, n, 100.0 * risks / n, both, n, 100.0 * both / n);
        System.out.printf(Locale.ROOT, "  catalog violations: %d published proposals outside the catalog; %d model answers rejected by the "
                + "catalog check%s%n", outsideCatalog, rejected, analyst.startsWith("llm:") ? "; " + fallbacks + " analyses left to the heuristic" : "");
        System.out.printf(Locale.ROOT, "  latency of one analysis: p50 %s, p95 %s (%d analyses)%n", human(at(sorted, 0.50)), human(at(sorted, 0.95)),
                (long) n * repetitions);
    }

    private static String label(String playbook, String risk) {
        return (playbook == null ? "(none)" : playbook) + " " + risk;
    }

    private static String cut(String text) {
        return text.length() <= 90 ? text : text.substring(0, 89) + "…";
    }

    private static long at(long[] sorted, double quantile) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
    }

    private static String human(long nanos) {
        return nanos >= 1_000_000_000 ? String.format(Locale.ROOT, "%.2f s", nanos / 1e9)
                : nanos >= 1_000_000 ? String.format(Locale.ROOT, "%.1f ms", nanos / 1e6) : String.format(Locale.ROOT, "%.0f µs", nanos / 1e3);
    }

    private static HeuristicProperties heuristicProperties() throws IOException {
        var environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("evaluation-heuristic", new ClassPathResource(BASE + "heuristic.yaml"))
                .forEach(source -> environment.getPropertySources().addLast(source));
        return new Binder(ConfigurationPropertySources.get(environment)).bind("sentinel.analyzer.heuristic", HeuristicProperties.class)
                .orElseThrow(() -> new IllegalStateException(BASE + "heuristic.yaml has no sentinel.analyzer.heuristic"));
    }

    /** The model the analyzer would use, from the same variables; a minute per analysis, no budget. */
    private static LlmProperties modelFromEnvironment() {
        String baseUrl = System.getenv("SENTINEL_LLM_BASE_URL");
        if (baseUrl == null || baseUrl.isBlank()) {
            return null;
        }
        String format = System.getenv().getOrDefault("SENTINEL_LLM_RESPONSE_FORMAT", "json-object");
        return new LlmProperties(baseUrl, System.getenv("SENTINEL_LLM_API_KEY"), System.getenv("SENTINEL_LLM_MODEL"), Duration.ofSeconds(60),
                1024, 0.1, 0, format, new LlmProperties.Prices(null, null),
                new LlmProperties.Resilience(3, Duration.ofSeconds(1), 2.0, 1, 50, 10, 10, Duration.ofSeconds(30)));
    }

    /** The evaluation spends what it spends; the analyzer's daily budget does not apply to it. */
    private static final class UnmeteredLedger implements UsageLedger {

        @Override
        public long tokensOn(LocalDate day) {
            return 0;
        }

        @Override
        public void record(LocalDate day, long tokensIn, long tokensOut, Double costUsd) {
        }
    }
}
