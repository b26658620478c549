package io.sentinel.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientAddressTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "203.0.113.7, 203.0.113.7",
            "127.0.0.1, 127.0.0.1",
            // One host commonly holds a whole /64: every address in it is one client.
            "2001:db8:1:2:3:4:5:6, 2001:db8:1:2::/64",
            "2001:db8:1:2:ffff:ffff:ffff:ffff, 2001:db8:1:2::/64",
            "2001:0db8:0001:0002::1, 2001:db8:1:2::/64",
            "0:0:0:0:0:0:0:1, 0:0:0:0::/64",
            "::ffff:198.51.100.4, 198.51.100.4",
            "'', unknown"})
    void countsAnIpv4ClientByItsAddressAndAnIpv6OneByItsNetwork(String remoteAddress, String client) {
        assertThat(ClientAddress.of(remoteAddress).value()).isEqualTo(client);
    }
}
