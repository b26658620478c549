package io.sentinel.executor.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HostAllowlistTest {

    private static final HostAllowlist ALLOWLIST = new HostAllowlist(
            List.of("localhost", "shop.internal:8080", "*.svc.cluster.local", "*.admin.example.com:443", "[::1]:9000"));

    static Stream<Arguments> urls() {
        return Stream.of(
                Arguments.of("a bare host allows any port", "http://localhost:1234/actions/x", true),
                Arguments.of("hosts compare case-insensitively", "http://LOCALHOST/x", true),
                Arguments.of("host:port allows that port", "http://shop.internal:8080/x", true),
                Arguments.of("host:port refuses another port", "http://shop.internal:9090/x", false),
                Arguments.of("host:port refuses the default port", "http://shop.internal/x", false),
                Arguments.of("a wildcard allows a subdomain", "http://cart.shop.svc.cluster.local:8080/x", true),
                Arguments.of("a wildcard allows a deeper subdomain", "http://a.b.svc.cluster.local/x", true),
                Arguments.of("a wildcard does not allow the suffix itself", "http://svc.cluster.local/x", false),
                Arguments.of("a wildcard is not a substring match", "http://evilsvc.cluster.local/x", false),
                Arguments.of("a wildcard with a port uses the scheme's default port", "https://ops.admin.example.com/x", true),
                Arguments.of("a wildcard with a port refuses another port", "http://ops.admin.example.com/x", false),
                Arguments.of("an IPv6 literal with its port", "http://[::1]:9000/x", true),
                Arguments.of("another host", "http://example.com/x", false),
                Arguments.of("a host that merely starts with an allowed one", "http://localhost.evil.com/x", false),
                Arguments.of("127.0.0.1 is not localhost unless listed", "http://127.0.0.1/x", false),
                Arguments.of("user info cannot disguise the host", "http://localhost@evil.com/x", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("urls")
    void allowsOnlyListedHosts(String scenario, String url, boolean allowed) {
        assertThat(ALLOWLIST.refusal(URI.create(url)).isEmpty()).isEqualTo(allowed);
    }

    @Test
    void aRefusalNamesTheHostAndTheProperty() {
        assertThat(ALLOWLIST.refusal(URI.create("https://evil.com/steal")))
                .hasValue("host evil.com:443 is not allowed; add it to sentinel.executor.http.allowed-hosts");
    }

    @Test
    void badEntriesStopTheServiceNamingTheProperty() {
        assertThatThrownBy(() -> new HttpStepProperties(List.of("localhost", "shop:http"), Duration.ofSeconds(5)))
                .hasMessageContaining("sentinel.executor.http.allowed-hosts[1]").hasMessageContaining("invalid port");
        assertThatThrownBy(() -> new HttpStepProperties(List.of("shop.*.internal"), Duration.ofSeconds(5)))
                .hasMessageContaining("sentinel.executor.http.allowed-hosts[0]");
        assertThatThrownBy(() -> new HttpStepProperties(List.of(" "), Duration.ofSeconds(5)))
                .hasMessageContaining("sentinel.executor.http.allowed-hosts[0]");
    }
}
