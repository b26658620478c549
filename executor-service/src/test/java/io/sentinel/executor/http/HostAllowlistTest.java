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
import org.springframework.util.unit.DataSize;

class HostAllowlistTest {

    private static final HostAllowlist ALLOWLIST = new HostAllowlist(
            List.of("localhost:1234", "shop.internal:8080", "*.svc.cluster.local:8080", "*.admin.example.com:443", "[::1]:9000",
                    "127.0.0.1:80"));

    static Stream<Arguments> urls() {
        return Stream.of(
                Arguments.of("host:port allows that port", "http://shop.internal:8080/x", true),
                Arguments.of("hosts compare case-insensitively", "http://LOCALHOST:1234/x", true),
                Arguments.of("host:port refuses another port", "http://shop.internal:9090/x", false),
                Arguments.of("host:port refuses the default port", "http://shop.internal/x", false),
                Arguments.of("a host allowed on one port is not allowed on any", "http://localhost/actions/x", false),
                Arguments.of("a wildcard allows a subdomain on its port", "http://cart.shop.svc.cluster.local:8080/x", true),
                Arguments.of("a wildcard allows a deeper subdomain", "http://a.b.svc.cluster.local:8080/x", true),
                Arguments.of("a wildcard refuses another port", "http://a.b.svc.cluster.local:8081/x", false),
                Arguments.of("a wildcard does not allow the suffix itself", "http://svc.cluster.local:8080/x", false),
                Arguments.of("a wildcard is not a substring match", "http://evilsvc.cluster.local:8080/x", false),
                Arguments.of("a wildcard with the scheme's default port", "https://ops.admin.example.com/x", true),
                Arguments.of("a wildcard on 443 refuses plain http's 80", "http://ops.admin.example.com/x", false),
                Arguments.of("an IPv6 literal with its port", "http://[::1]:9000/x", true),
                Arguments.of("an IPv6 literal written out in full is the same address", "http://[0:0:0:0:0:0:0:1]:9000/x", true),
                Arguments.of("an IPv6 literal on another port", "http://[::1]:9001/x", false),
                Arguments.of("another host", "http://example.com:8080/x", false),
                Arguments.of("a host that merely starts with an allowed one", "http://localhost.evil.com:1234/x", false),
                Arguments.of("127.0.0.1 is not localhost unless listed", "http://127.0.0.1:1234/x", false),
                Arguments.of("an IPv4 literal listed with its port", "http://127.0.0.1/x", true),
                Arguments.of("user info cannot disguise the host", "http://localhost:1234@evil.com:1234/x", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("urls")
    void allowsOnlyListedHostsAndPorts(String scenario, String url, boolean allowed) {
        URI uri = URI.create(url);
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        assertThat(ALLOWLIST.refusal(uri.getHost(), port).isEmpty()).isEqualTo(allowed);
    }

    @Test
    void aRefusalNamesTheHostAndTheProperty() {
        assertThat(ALLOWLIST.refusal("evil.com", 443)).hasValue("host evil.com:443 is not allowed; add it to "
                + "sentinel.executor.http.allowed-hosts");
    }

    @Test
    void anEmptyAllowlistRefusesEveryHostSayingSo() {
        assertThat(new HostAllowlist(List.of()).refusal("localhost", 80))
                .hasValue("no host may be called: sentinel.executor.http.allowed-hosts is empty");
    }

    @Test
    void anEntryWithoutAPortStopsTheServiceNamingTheProperty() {
        assertThatThrownBy(() -> properties(List.of("localhost:8080", "shop.internal")))
                .hasMessage("sentinel.executor.http.allowed-hosts[1]: 'shop.internal' names no port; write host:port "
                        + "(e.g. shop.internal:8080), *.suffix:port or [v6-address]:port");
        assertThatThrownBy(() -> properties(List.of("*.svc.cluster.local"))).hasMessageContaining("allowed-hosts[0]")
                .hasMessageContaining("names no port");
        assertThatThrownBy(() -> properties(List.of("[::1]"))).hasMessageContaining("allowed-hosts[0]").hasMessageContaining("names no port");
        assertThatThrownBy(() -> properties(List.of("::1:8080"))).hasMessageContaining("allowed-hosts[0]")
                .hasMessageContaining("an IPv6 address goes in brackets");
    }

    @Test
    void badEntriesStopTheServiceNamingTheProperty() {
        assertThatThrownBy(() -> properties(List.of("localhost:80", "shop:http")))
                .hasMessageContaining("sentinel.executor.http.allowed-hosts[1]").hasMessageContaining("invalid port");
        assertThatThrownBy(() -> properties(List.of("shop.*.internal:80"))).hasMessageContaining("sentinel.executor.http.allowed-hosts[0]");
        assertThatThrownBy(() -> properties(List.of("http://shop:80"))).hasMessageContaining("sentinel.executor.http.allowed-hosts[0]");
        assertThatThrownBy(() -> properties(List.of(" "))).hasMessageContaining("sentinel.executor.http.allowed-hosts[0]");
        assertThatThrownBy(() -> new HttpStepProperties(List.of(), List.of("10.0.0.0"), Duration.ofSeconds(5), DataSize.ofMegabytes(1)))
                .hasMessageContaining("sentinel.executor.http.allowed-networks[0]").hasMessageContaining("CIDR");
        assertThatThrownBy(() -> new HttpStepProperties(List.of(), List.of("127.0.0.0/8", "::1/129"), Duration.ofSeconds(5),
                DataSize.ofMegabytes(1))).hasMessageContaining("sentinel.executor.http.allowed-networks[1]");
        assertThatThrownBy(() -> new HttpStepProperties(List.of(), List.of("localhost/8"), Duration.ofSeconds(5), DataSize.ofMegabytes(1)))
                .hasMessageContaining("sentinel.executor.http.allowed-networks[0]");
    }

    @Test
    void anEmptyAllowlistIsAValidConfiguration() {
        assertThat(new HttpStepProperties(null, null, Duration.ofSeconds(5), DataSize.ofMegabytes(1)).allowedHosts()).isEmpty();
    }

    private static HttpStepProperties properties(List<String> hosts) {
        return new HttpStepProperties(hosts, List.of(), Duration.ofSeconds(5), DataSize.ofMegabytes(1));
    }
}
