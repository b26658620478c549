package io.sentinel.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentityProviderTest {

    @Test
    void knowsSlackByItsName() {
        assertThat(IdentityProvider.of(" Slack ")).contains(IdentityProvider.SLACK);
        assertThat(IdentityProvider.of("github")).isEmpty();
        assertThat(IdentityProvider.of(null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"U024BE7LH", "W012A3CDE", "U0G9QF9C6"})
    void takesSlackUserIds(String subject) {
        assertThat(IdentityProvider.SLACK.validSubject(subject)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"u024be7lh", "B024BE7LH", "U", "U1", "alice", "U024BE7LH\n", "U024 BE7LH", "U' or '1'='1"})
    void refusesAnythingElse(String subject) {
        assertThat(IdentityProvider.SLACK.validSubject(subject)).as(subject).isFalse();
    }
}
