package io.sentinel.executor.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AddressPolicyTest {

    private static final AddressPolicy NOTHING_SPECIAL = new AddressPolicy(List.of());
    private static final AddressPolicy LOCAL_STACK = new AddressPolicy(List.of("127.0.0.0/8", "::1/128"));

    static Stream<Arguments> addresses() {
        return Stream.of(
                Arguments.of("127.0.0.1", "a loopback address"),
                Arguments.of("127.5.6.7", "a loopback address"),
                Arguments.of("::1", "a loopback address"),
                Arguments.of("169.254.169.254", "a link-local address"),
                Arguments.of("169.254.0.1", "a link-local address"),
                Arguments.of("fe80::1", "a link-local address"),
                Arguments.of("febf::1", "a link-local address"),
                Arguments.of("10.1.2.3", "a private address"),
                Arguments.of("172.16.0.1", "a private address"),
                Arguments.of("172.31.255.255", "a private address"),
                Arguments.of("192.168.1.1", "a private address"),
                Arguments.of("fc00::1", "a private (unique local) address"),
                Arguments.of("fd12:3456::1", "a private (unique local) address"),
                Arguments.of("0.0.0.0", "an unspecified address"),
                Arguments.of("::", "an unspecified address"),
                Arguments.of("224.0.0.1", "a multicast address"),
                Arguments.of("ff02::1", "a multicast address"),
                Arguments.of("100.100.100.200", "a shared (CGNAT) address"),
                Arguments.of("::ffff:169.254.169.254", "a link-local address"),
                Arguments.of("::127.0.0.1", "an IPv6 address embedding a loopback IPv4 address"),
                Arguments.of("64:ff9b::a9fe:a9fe", "an IPv6 address embedding a link-local IPv4 address"),
                Arguments.of("2002:a9fe:a9fe::1", "an IPv6 address embedding a link-local IPv4 address"));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource("addresses")
    void refusesSpecialPurposeAddresses(String address, String kind) throws UnknownHostException {
        assertThat(NOTHING_SPECIAL.refusal(InetAddress.getByName(address))).hasValueSatisfying(reason -> assertThat(reason)
                .contains(", " + kind + ", which steps may not call unless sentinel.executor.http.allowed-networks covers it"));
    }

    static Stream<Arguments> publicAddresses() {
        return Stream.of(Arguments.of("93.184.216.34"), Arguments.of("172.32.0.1"), Arguments.of("172.15.255.255"),
                Arguments.of("169.255.0.1"), Arguments.of("2606:4700::1111"), Arguments.of("::ffff:8.8.8.8"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("publicAddresses")
    void allowsPublicAddresses(String address) throws UnknownHostException {
        assertThat(NOTHING_SPECIAL.refusal(InetAddress.getByName(address))).isEmpty();
    }

    @ParameterizedTest(name = "{0} with allowed networks")
    @MethodSource("addresses")
    void allowsOnlyWhatTheAllowedNetworksCover(String address, String kind) throws UnknownHostException {
        boolean coveredByTheLocalStack = address.equals("127.0.0.1") || address.equals("127.5.6.7") || address.equals("::1")
                || address.equals("::127.0.0.1");
        assertThat(LOCAL_STACK.refusal(InetAddress.getByName(address)).isEmpty()).isEqualTo(coveredByTheLocalStack);
    }
}
