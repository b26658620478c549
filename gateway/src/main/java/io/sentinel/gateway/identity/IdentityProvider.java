package io.sentinel.gateway.identity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Systems whose users an admin maps to people, and what their user ids look like. */
public enum IdentityProvider {
    /** Slack user ids: {@code U} (or {@code W} on Enterprise Grid) and upper-case letters and digits. */
    SLACK("slack", Pattern.compile("[UW][A-Z0-9]{2,31}"), "a Slack user id such as U024BE7LH");

    private final String id;
    private final Pattern subject;
    private final String subjectShape;

    IdentityProvider(String id, Pattern subject, String subjectShape) {
        this.id = id;
        this.subject = subject;
        this.subjectShape = subjectShape;
    }

    /** How the API and the database name the provider. */
    public String id() {
        return id;
    }

    public boolean validSubject(String value) {
        return value != null && subject.matcher(value).matches();
    }

    public String subjectShape() {
        return subjectShape;
    }

    public static Optional<IdentityProvider> of(String id) {
        return id == null ? Optional.empty()
                : Arrays.stream(values()).filter(provider -> provider.id.equals(id.strip().toLowerCase(Locale.ROOT))).findFirst();
    }
}
