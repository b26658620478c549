package io.sentinel.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeySecretTest {

    @Test
    void generatesSnlAndFortyBase62Characters() {
        var random = new SecureRandom();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String key = ApiKeySecret.generate(random).value();
            assertThat(key).matches("snl_[0-9A-Za-z]{40}");
            seen.add(key);
        }
        assertThat(seen).as("200 keys, no repeats").hasSize(200);
    }

    @Test
    void hashesTheWholeKeyAsLowercaseHexSha256() {
        // Expected value computed independently: printf '%s' <key> | sha256sum
        var secret = new ApiKeySecret("snl_0123456789abcdefghijABCDEFGHIJ0123456789");
        assertThat(secret.hash()).isEqualTo("52c7c7ef32b5aed52a79adbcc06929ba8ba7fdcfdde57305fc814cb732dba7dd");
    }

    @Test
    void neverShowsTheKeyWhenPrinted() {
        var secret = ApiKeySecret.generate(new SecureRandom());
        assertThat(secret.toString()).doesNotContain(secret.value().substring(4)).isEqualTo("snl_(redacted)");
        assertThat(new IssuedApiKey(null, secret).toString()).doesNotContain(secret.value().substring(4));
    }

    @Test
    void refusesSomethingThatIsNotAnApiKey() {
        assertThatThrownBy(() -> new ApiKeySecret("hunter2")).hasMessage("an API key starts with 'snl_'");
    }
}
