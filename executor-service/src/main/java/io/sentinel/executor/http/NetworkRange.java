package io.sentinel.executor.http;

import java.net.InetAddress;
import java.util.Optional;

/** An address range in CIDR notation, e.g. {@code 127.0.0.0/8} or {@code ::1/128}. */
record NetworkRange(InetAddress network, int prefixLength) {

    static NetworkRange parse(String cidr) {
        if (cidr == null || cidr.isBlank()) {
            throw new IllegalArgumentException("an entry is blank");
        }
        String text = cidr.trim();
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + cidr + "' is not in CIDR notation (address/prefix-length, e.g. 127.0.0.0/8)");
        }
        Optional<InetAddress> address = IpLiterals.parse(text.substring(0, slash));
        if (address.isEmpty()) {
            throw new IllegalArgumentException("'" + cidr + "' does not start with an IP address");
        }
        int bits = address.get().getAddress().length * 8;
        int prefix;
        try {
            prefix = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            prefix = -1;
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("'" + cidr + "' has an invalid prefix length; 0 to " + bits + " for this address");
        }
        return new NetworkRange(address.get(), prefix);
    }

    boolean contains(InetAddress address) {
        byte[] range = network.getAddress();
        byte[] candidate = address.getAddress();
        if (range.length != candidate.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (range[i] != candidate[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (range[full] & mask) == (candidate[full] & mask);
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }
}
