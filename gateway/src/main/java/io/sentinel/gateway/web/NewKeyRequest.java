package io.sentinel.gateway.web;

import io.sentinel.events.approval.Role;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/** The body of {@code POST /api/keys}. */
record NewKeyRequest(String name, String role) {

    static final int MAX_NAME_LENGTH = 64;
    /** The name is who votes and audit entries name, so it stays printable and unambiguous. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]*");

    String validName() {
        if (name == null || name.isBlank()) {
            throw ApiProblems.badRequest("field 'name' is required");
        }
        if (name.length() > MAX_NAME_LENGTH || !NAME.matcher(name).matches()) {
            throw ApiProblems.badRequest("field 'name' must be 1 to " + MAX_NAME_LENGTH
                    + " letters, digits, '.', '_', '@' or '-', starting with a letter or digit");
        }
        return name;
    }

    Role validRole() {
        if (role == null || role.isBlank()) {
            throw ApiProblems.badRequest("field 'role' is required: one of " + Arrays.toString(Role.values()));
        }
        try {
            return Role.valueOf(role.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblems.badRequest("field 'role' must be one of " + Arrays.toString(Role.values()));
        }
    }
}
