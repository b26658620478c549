package io.sentinel.admin.keycloak;

import java.security.SecureRandom;
import java.util.function.Supplier;

/**
 * Passwords for a first admin nobody chose one for: 24 letters and digits from a {@link SecureRandom},
 * about 142 bits, with no characters a shell or a password field treats specially.
 */
public final class GeneratedPasswords implements Supplier<Secret> {

    static final int LENGTH = 24;
    private static final String LETTERS_AND_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final SecureRandom random;

    public GeneratedPasswords(SecureRandom random) {
        this.random = random;
    }

    @Override
    public Secret get() {
        var password = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            password.append(LETTERS_AND_DIGITS.charAt(random.nextInt(LETTERS_AND_DIGITS.length())));
        }
        return new Secret(password.toString());
    }
}
