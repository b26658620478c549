package io.sentinel.admin.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GeneratedPasswordsTest {

    @Test
    void aGeneratedPasswordIsTwentyFourLettersAndDigitsAndNeverRepeats() {
        var passwords = new GeneratedPasswords(new SecureRandom());
        Set<String> seen = new HashSet<>();

        for (int i = 0; i < 1000; i++) {
            String password = passwords.get().value();
            assertThat(password).matches("[A-Za-z0-9]{24}");
            seen.add(password);
        }

        assertThat(seen).hasSize(1000);
    }

    @Test
    void aGeneratedPasswordIsNotShownByAccident() {
        assertThat(new GeneratedPasswords(new SecureRandom()).get()).hasToString("[hidden]");
    }
}
