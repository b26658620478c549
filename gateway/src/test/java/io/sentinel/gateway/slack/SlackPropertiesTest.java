package io.sentinel.gateway.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlackPropertiesTest {

    private static final List<URI> SLACK = List.of(URI.create("https://hooks.slack.com"));

    @Test
    void isOffWithoutASigningSecretAndNeverShowsOne() {
        assertThat(new SlackProperties(" ", Duration.ofMinutes(5), SLACK, 65536, Duration.ofSeconds(5)).enabled()).isFalse();
        var on = new SlackProperties("s3cr3t-signing", Duration.ofMinutes(5), SLACK, 65536, Duration.ofSeconds(5));
        assertThat(on.enabled()).isTrue();
        assertThat(on.toString()).doesNotContain("s3cr3t-signing").contains("(set, not shown)");
    }

    @Test
    void namesThePropertyThatIsWrong() {
        assertThatThrownBy(() -> new SlackProperties("s", Duration.ofMinutes(6), SLACK, 65536, Duration.ofSeconds(5)))
                .hasMessageStartingWith("sentinel.gateway.slack.max-clock-skew must be a positive duration of at most 5m");
        assertThatThrownBy(() -> new SlackProperties("s", Duration.ZERO, SLACK, 65536, Duration.ofSeconds(5)))
                .hasMessageStartingWith("sentinel.gateway.slack.max-clock-skew");
        assertThatThrownBy(() -> new SlackProperties("s", Duration.ofMinutes(5), List.of(URI.create("https://hooks.slack.com/actions")), 65536,
                Duration.ofSeconds(5))).hasMessageStartingWith("sentinel.gateway.slack.response-url-origins must hold origins");
        assertThatThrownBy(() -> new SlackProperties("s", Duration.ofMinutes(5), SLACK, 10, Duration.ofSeconds(5)))
                .hasMessageStartingWith("sentinel.gateway.slack.max-body-bytes");
        assertThatThrownBy(() -> new SlackProperties("s", Duration.ofMinutes(5), SLACK, 65536, Duration.ZERO))
                .hasMessageStartingWith("sentinel.gateway.slack.response-timeout");
    }
}
