package io.sentinel.gateway.auth;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Who failed to authenticate, as far as the gateway can tell: the request's remote address. An IPv6
 * client is counted by its /64 network, since one host commonly holds a whole /64 and could
 * otherwise step to a fresh address for every guess. Behind a reverse proxy this is the proxy's
 * address unless forwarded headers are trusted ({@code server.forward-headers-strategy}). Pure.
 */
public record ClientAddress(String value) {

    public static ClientAddress of(String remoteAddress) {
        if (remoteAddress == null || remoteAddress.isBlank()) {
            return new ClientAddress("unknown");
        }
        if (remoteAddress.indexOf(':') < 0) {
            return new ClientAddress(remoteAddress);
        }
        try {
            // A literal with a colon is parsed, never looked up in DNS.
            InetAddress address = InetAddress.getByName(remoteAddress);
            if (address instanceof Inet6Address) {
                byte[] bytes = address.getAddress();
                return new ClientAddress(String.format("%x:%x:%x:%x::/64", word(bytes, 0), word(bytes, 2), word(bytes, 4), word(bytes, 6)));
            }
            return new ClientAddress(address.getHostAddress());
        } catch (UnknownHostException e) {
            return new ClientAddress(remoteAddress);
        }
    }

    private static int word(byte[] bytes, int at) {
        return (bytes[at] & 0xff) << 8 | bytes[at + 1] & 0xff;
    }

    @Override
    public String toString() {
        return value;
    }
}
