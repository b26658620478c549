package io.sentinel.gateway.ask;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AskPropertiesTest {

    @Test
    void namesThePropertyThatIsWrong() {
        assertThatThrownBy(() -> new AskProperties(Duration.ZERO, 10)).hasMessageStartingWith("sentinel.gateway.ask.timeout must be a positive");
        assertThatThrownBy(() -> new AskProperties(null, 10)).hasMessageStartingWith("sentinel.gateway.ask.timeout");
        assertThatThrownBy(() -> new AskProperties(Duration.ofSeconds(1), 0)).hasMessage("sentinel.gateway.ask.max-open must be at least 1, was 0");
    }
}
