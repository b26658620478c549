package io.sentinel.analyzer.redaction;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Secrets the deployment knows of beyond the built-in ones (see {@link Redactor}): each pattern's
 * whole match is replaced by {@code [REDACTED:<name>]} in everything the analyzer sends out.
 *
 * @param patterns extra patterns, RE2 syntax (linear time: they run over whatever senders wrote)
 */
@ConfigurationProperties("sentinel.analyzer.redaction")
public record RedactionProperties(List<ExtraPattern> patterns) {

    static final String PREFIX = "sentinel.analyzer.redaction";

    public RedactionProperties {
        patterns = patterns == null ? List.of() : List.copyOf(patterns);
        Set<String> names = new HashSet<>();
        for (int index = 0; index < patterns.size(); index++) {
            ExtraPattern extra = patterns.get(index);
            String path = PREFIX + ".patterns[" + index + "]";
            if (extra.name() == null || !extra.name().matches("[a-z0-9-]{1,40}")) {
                throw new IllegalArgumentException(path + ".name must be 1 to 40 lowercase letters, digits or '-', was '" + extra.name() + "'");
            }
            if (!names.add(extra.name())) {
                throw new IllegalArgumentException(path + ".name: '" + extra.name() + "' is used twice");
            }
            if (extra.pattern() == null || extra.pattern().isBlank()) {
                throw new IllegalArgumentException(path + ".pattern must be a regular expression (RE2 syntax)");
            }
            try {
                Pattern compiled = Pattern.compile(extra.pattern());
                if (compiled.matches("")) {
                    throw new IllegalArgumentException(path + ".pattern must not match the empty string: it would match everywhere");
                }
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(path + ".pattern is not a valid RE2 expression: " + e.getMessage(), e);
            }
        }
    }

    /** @param pattern matched anywhere in the text; the whole match is replaced */
    public record ExtraPattern(String name, String pattern) {
    }
}
