package io.sentinel.executor.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which addresses steps may connect to. Loopback, link-local (cloud metadata services among them),
 * private, unspecified, multicast and other special-purpose addresses are refused unless an allowed
 * network covers them: an allowlisted name that resolves to one of them is how a request would reach
 * what it must not. IPv6 addresses that embed an IPv4 address (mapped, compatible, NAT64, 6to4) are
 * judged by the IPv4 address as well.
 */
public final class AddressPolicy {

    static final String PROPERTY = "sentinel.executor.http.allowed-networks";

    private static final List<Special> SPECIAL = List.of(
            new Special("0.0.0.0/8", "unspecified"), new Special("10.0.0.0/8", "private"), new Special("100.64.0.0/10", "shared (CGNAT)"),
            new Special("127.0.0.0/8", "loopback"), new Special("169.254.0.0/16", "link-local"), new Special("172.16.0.0/12", "private"),
            new Special("192.0.0.0/24", "special-purpose"), new Special("192.168.0.0/16", "private"),
            new Special("198.18.0.0/15", "benchmarking"), new Special("224.0.0.0/4", "multicast"), new Special("240.0.0.0/4", "reserved"),
            new Special("::/128", "unspecified"), new Special("::1/128", "loopback"), new Special("fe80::/10", "link-local"),
            new Special("fec0::/10", "site-local"), new Special("fc00::/7", "private (unique local)"), new Special("ff00::/8", "multicast"));
    private static final NetworkRange V4_COMPATIBLE = NetworkRange.parse("::/96");
    private static final NetworkRange NAT64 = NetworkRange.parse("64:ff9b::/96");
    private static final NetworkRange SIX_TO_FOUR = NetworkRange.parse("2002::/16");

    private final List<NetworkRange> allowed;

    /** @param allowedNetworks CIDRs whose addresses may be called even though they are special */
    public AddressPolicy(List<String> allowedNetworks) {
        this.allowed = allowedNetworks.stream().map(NetworkRange::parse).toList();
    }

    /** Why the address may not be connected to, or empty if it may. */
    public Optional<String> refusal(InetAddress address) {
        Optional<InetAddress> embedded = embeddedIpv4(address);
        if (isAllowed(address) || embedded.filter(this::isAllowed).isPresent()) {
            return Optional.empty();
        }
        Optional<String> kind = kindOf(address).map(what -> ("aeiou".indexOf(what.charAt(0)) >= 0 ? "an " : "a ") + what + " address");
        if (kind.isEmpty() && embedded.isPresent()) {
            kind = kindOf(embedded.get()).map(v4 -> "an IPv6 address embedding a " + v4 + " IPv4 address");
        }
        return kind.map(what -> address.getHostAddress() + ", " + what + ", which steps may not call unless " + PROPERTY + " covers it");
    }

    static Optional<String> problemWith(String cidr) {
        try {
            NetworkRange.parse(cidr);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    private boolean isAllowed(InetAddress address) {
        return allowed.stream().anyMatch(range -> range.contains(address));
    }

    private static Optional<String> kindOf(InetAddress address) {
        return SPECIAL.stream().filter(special -> special.range().contains(address)).map(Special::kind).findFirst();
    }

    private static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return Optional.empty();
        }
        byte[] bytes = address.getAddress();
        byte[] v4;
        if (SIX_TO_FOUR.contains(address)) {
            v4 = Arrays.copyOfRange(bytes, 2, 6);
        } else if (isIpv4Mapped(bytes) || NAT64.contains(address)
                || (V4_COMPATIBLE.contains(address) && !address.isLoopbackAddress() && !address.isAnyLocalAddress())) {
            v4 = Arrays.copyOfRange(bytes, 12, 16);
        } else {
            return Optional.empty();
        }
        try {
            return Optional.of(Inet4Address.getByAddress(v4));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** ::ffff:a.b.c.d; Java turns these into IPv4 addresses when it parses them, but not when one is built as an Inet6Address. */
    private static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xFF && bytes[11] == (byte) 0xFF;
    }

    private record Special(NetworkRange range, String kind) {
        Special(String cidr, String kind) {
            this(NetworkRange.parse(cidr), kind);
        }
    }
}
