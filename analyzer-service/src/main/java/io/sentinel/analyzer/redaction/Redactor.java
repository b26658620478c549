package io.sentinel.analyzer.redaction;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes secrets out of text before it leaves the analyzer: the prompts sent to a model, and the
 * analyses and answers published on Kafka. Built in: private-key blocks, JWTs, bearer and basic
 * credentials, passwords in connection strings, {@code password=}/{@code secret=}/{@code token=}
 * style values, and the key formats of OpenAI, GitHub, Slack, AWS and Google; the deployment adds its
 * own ({@link RedactionProperties}). Patterns are RE2 (linear time), since the text comes from
 * whoever writes logs. A redacted value says what it was ({@code [REDACTED:jwt]}), so an engineer
 * reading a prompt or an answer can still follow it.
 */
public final class Redactor {

    /** Order matters: whole blocks and structured tokens first, so a later pattern never sees half of one. */
    private static final List<Rule> BUILT_IN = List.of(
            whole("private-key", "(?s)-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----.*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)"),
            whole("jwt", "\\beyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}"),
            whole("openai-key", "\\bsk-(?:proj-|svcacct-|admin-|ant-)?[A-Za-z0-9_-]{16,}"),
            whole("github-token", "\\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{20,})"),
            whole("slack-token", "\\bxox[abposr]-[A-Za-z0-9-]{8,}"),
            whole("aws-access-key", "\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"),
            whole("google-api-key", "\\bAIza[0-9A-Za-z_-]{35}"),
            // Only group 1 is replaced: "Authorization: Bearer [REDACTED:bearer]" still reads.
            group("bearer", "(?i)\\bbearer\\s+([A-Za-z0-9._~+/=-]{6,})"),
            group("basic-auth", "(?i)\\bbasic\\s+([A-Za-z0-9+/=]{8,})"),
            // scheme://user:password@host
            group("url-password", "(?i)\\b[a-z][a-z0-9+.-]*://[^\\s:/@]*:([^\\s@/]+)@"),
            // key=value, key: value, "key": "value"; the key and its separator stay.
            group("secret-value", "(?i)\\b[a-z0-9_.-]*(?:password|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|"
                    + "private[_-]?key|credentials?)\"?\\s*[=:]\\s*\"?([^\\s\"',;&})\\[\\]>][^\\s\"',;&})\\]>]*)"));

    private final List<Rule> rules;

    private Redactor(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The built-in patterns only. */
    public static Redactor builtIn() {
        return new Redactor(BUILT_IN);
    }

    public static Redactor configure(RedactionProperties properties) {
        List<Rule> rules = new ArrayList<>(BUILT_IN);
        properties.patterns().forEach(extra -> rules.add(whole(extra.name(), extra.pattern())));
        return new Redactor(rules);
    }

    /** The text with every secret replaced by {@code [REDACTED:<kind>]}; null stays null. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String redacted = text;
        for (Rule rule : rules) {
            redacted = rule.apply(redacted);
        }
        return redacted;
    }

    public List<String> redactAll(List<String> texts) {
        return texts.stream().map(this::redact).toList();
    }

    private static Rule whole(String name, String pattern) {
        return new Rule(name, Pattern.compile(pattern), false);
    }

    private static Rule group(String name, String pattern) {
        return new Rule(name, Pattern.compile(pattern), true);
    }

    /** @param onlyGroupOne only group 1 is replaced; the rest of the match (a key, a scheme) stays */
    private record Rule(String name, Pattern pattern, boolean onlyGroupOne) {

        String apply(String text) {
            Matcher matcher = pattern.matcher(text);
            if (!matcher.find()) {
                return text;
            }
            StringBuilder out = new StringBuilder(text.length());
            int last = 0;
            do {
                int start = onlyGroupOne ? matcher.start(1) : matcher.start();
                int end = onlyGroupOne ? matcher.end(1) : matcher.end();
                out.append(text, last, start).append("[REDACTED:").append(name).append(']');
                last = end;
            } while (matcher.find());
            out.append(text, last, text.length());
            return out.toString();
        }
    }
}
