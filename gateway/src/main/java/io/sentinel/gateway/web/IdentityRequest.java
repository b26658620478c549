package io.sentinel.gateway.web;

import io.sentinel.events.approval.Role;
import io.sentinel.gateway.identity.IdentityProvider;

/** The body of {@code POST /api/identities}. The person's name follows the rules of an API key's name. */
record IdentityRequest(String provider, String subject, String name, String role) {

    static final String SHAPE = "request body is required: {\"provider\": \"slack\", \"subject\": \"<Slack user id, e.g. U024BE7LH>\", "
            + "\"name\": \"<the person's name, as their API key or sign-on names them>\", \"role\": \"VIEWER\" | \"OPERATOR\" | \"ADMIN\"}";

    IdentityProvider validProvider() {
        if (provider == null || provider.isBlank()) {
            throw ApiProblems.badRequest("field 'provider' is required: \"slack\"");
        }
        return IdentityProvider.of(provider).orElseThrow(() -> ApiProblems.badRequest("field 'provider' must be \"slack\""));
    }

    String validSubject(IdentityProvider provider) {
        if (subject == null || subject.isBlank()) {
            throw ApiProblems.badRequest("field 'subject' is required: " + provider.subjectShape());
        }
        String value = subject.strip();
        if (!provider.validSubject(value)) {
            throw ApiProblems.badRequest("field 'subject' must be " + provider.subjectShape());
        }
        return value;
    }

    String validName() {
        return new NewKeyRequest(name, null).validName();
    }

    Role validRole() {
        return new NewKeyRequest(null, role).validRole();
    }
}
