package io.sentinel.analyzer.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactorTest {

    private static final Redactor REDACTOR = Redactor.builtIn();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "OpenAI project key|calling with sk-proj-AbCdEfGhIjKlMnOpQrStUvWx0123456789 now|sk-proj-AbCd|[REDACTED:openai-key]",
            "OpenAI legacy key|key sk-AbCdEfGhIjKlMnOpQrStUvWx0123|sk-AbCd|[REDACTED:openai-key]",
            "GitHub token|ghp_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789 pushed|ghp_|[REDACTED:github-token]",
            "GitHub fine-grained token|github_pat_11ABCDEFG0123456789_abcdefghijklmnop|github_pat_|[REDACTED:github-token]",
            "Slack token|xoxb-123456789012-abcdefghijkl posted|xoxb-|[REDACTED:slack-token]",
            "AWS access key|AKIAIOSFODNN7EXAMPLE in env|AKIAIOSFODNN7EXAMPLE|[REDACTED:aws-access-key]",
            "Google API key|AIzaSyA-1234567890abcdefghijklmnopqrstu in url|AIzaSy|[REDACTED:google-api-key]",
            "password value|db login password=hunter2 failed|hunter2|password=[REDACTED:secret-value]",
            "secret in JSON|{\"client_secret\": \"s3cr3t-value\"}|s3cr3t-value|\"client_secret\": \"[REDACTED:secret-value]",
            "token with colon|token: abc.def.ghi123|abc.def.ghi123|token: [REDACTED:secret-value]",
            "api key header|X-Api-Key=0123456789abcdef|0123456789abcdef|X-Api-Key=[REDACTED:secret-value]",
            "bearer header|Authorization: Bearer abc123def456ghi789|abc123def456ghi789|Authorization: Bearer [REDACTED:bearer]",
            "basic credentials|Authorization: Basic dXNlcjpwYXNzd29yZA==|dXNlcjpwYXNzd29yZA==|Basic [REDACTED:basic-auth]",
            "connection string|jdbc:postgresql://app:Pa55word@db.internal:5432/shop|Pa55word|postgresql://app:[REDACTED:url-password]@db.internal",
            "redis URL|redis://:sup3rsecret@cache:6379/0|sup3rsecret|[REDACTED:url-password]@cache",
            "JWT|session eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTYifQ.SflKxwRJSMeKKF2QT4fwpMeJf36 expired|eyJhbGci|[REDACTED:jwt]"})
    void replacesTheSecretAndSaysWhatItWas(String kind, String text, String secret, String expected) {
        String redacted = REDACTOR.redact(text);

        assertThat(redacted).doesNotContain(secret).contains(expected);
    }

    @Test
    void replacesAWholePrivateKeyBlockEvenWhenItIsCutOff() {
        String block = "key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA1234\nabcd\n-----END RSA PRIVATE KEY-----\nafter";
        String cut = "key:\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA";

        assertThat(REDACTOR.redact(block)).isEqualTo("key:\n[REDACTED:private-key]\nafter");
        assertThat(REDACTOR.redact(cut)).isEqualTo("key:\n[REDACTED:private-key]");
    }

    @Test
    void leavesOrdinaryOperationalTextAlone() {
        List<String> ordinary = List.of(
                "memory_usage_ratio was 0.93 (threshold 0.9)",
                "GC pause 900ms; heap 1.9GiB of 2GiB",
                "token_count=1500 prompt_tokens=1200",
                "password reset requested for user 42",
                "GET https://shop.example.com/checkout 503",
                "tokens in 1200, out 300");

        ordinary.forEach(text -> assertThat(REDACTOR.redact(text)).isEqualTo(text));
    }

    @Test
    void redactsEveryOccurrence() {
        assertThat(REDACTOR.redact("a password=one and password=two")).isEqualTo(
                "a password=[REDACTED:secret-value] and password=[REDACTED:secret-value]");
    }

    @Test
    void addsTheDeploymentsOwnPatterns() {
        Redactor redactor = Redactor.configure(new RedactionProperties(List.of(
                new RedactionProperties.ExtraPattern("internal-token", "itk_[A-Za-z0-9]{8}"))));

        assertThat(redactor.redact("using itk_AbCd1234 for sk-proj-AbCdEfGhIjKlMnOpQrStUvWx0123456789"))
                .isEqualTo("using [REDACTED:internal-token] for [REDACTED:openai-key]");
    }

    @Test
    void refusesAPatternThatIsInvalidMatchesEverythingOrIsNamedTwice() {
        assertThatThrownBy(() -> new RedactionProperties(List.of(new RedactionProperties.ExtraPattern("bad", "(unclosed"))))
                .hasMessageStartingWith("sentinel.analyzer.redaction.patterns[0].pattern is not a valid RE2 expression");
        assertThatThrownBy(() -> new RedactionProperties(List.of(new RedactionProperties.ExtraPattern("empty", "x*"))))
                .hasMessage("sentinel.analyzer.redaction.patterns[0].pattern must not match the empty string: it would match everywhere");
        assertThatThrownBy(() -> new RedactionProperties(List.of(new RedactionProperties.ExtraPattern("a", "x"),
                new RedactionProperties.ExtraPattern("a", "y")))).hasMessage("sentinel.analyzer.redaction.patterns[1].name: 'a' is used twice");
        assertThatThrownBy(() -> new RedactionProperties(List.of(new RedactionProperties.ExtraPattern("Bad Name", "x"))))
                .hasMessageStartingWith("sentinel.analyzer.redaction.patterns[0].name must be");
    }

    @Test
    void refusesAPatternThatCannotRunInLinearTime() {
        // RE2 has no backreferences: what cannot run in linear time is refused at start-up.
        assertThatThrownBy(() -> new RedactionProperties(List.of(new RedactionProperties.ExtraPattern("backref", "(a+)\\1"))))
                .hasMessageContaining("not a valid RE2 expression");
    }
}
