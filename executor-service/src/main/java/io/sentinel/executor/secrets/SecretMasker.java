package io.sentinel.executor.secrets;

import io.sentinel.executor.template.JsonEncoding;
import io.sentinel.executor.template.PercentEncoding;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Replaces secret values with {@value #MASK} in text that leaves the step client (step details,
 * failure reasons, log lines): the value as it is and as a step would have encoded it into a URL
 * path, a query or a JSON string.
 */
public final class SecretMasker {

    public static final String MASK = "***";

    private final List<String> forms;

    public SecretMasker(Collection<String> secrets) {
        Set<String> forms = new LinkedHashSet<>();
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                forms.add(secret);
                forms.add(PercentEncoding.pathSegment(secret));
                forms.add(PercentEncoding.formComponent(secret));
                forms.add(JsonEncoding.inString(secret));
            }
        }
        // Longest first, so that a form containing another is masked whole.
        this.forms = forms.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    public String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (String form : forms) {
            masked = masked.replace(form, MASK);
        }
        return masked;
    }
}
