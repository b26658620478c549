package io.sentinel.executor.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import org.apache.hc.client5.http.DnsResolver;

/**
 * Answers HttpClient's lookup with the addresses already resolved and checked for the step, and
 * nothing else: no second DNS query happens between the check and the connection, so a name cannot
 * be re-pointed (DNS rebinding) in between. The host name itself still goes into the Host header,
 * SNI and TLS hostname verification.
 */
final class PinnedDnsResolver implements DnsResolver {

    private final String host;
    private final InetAddress[] addresses;

    PinnedDnsResolver(String host, List<InetAddress> addresses) {
        this.host = bare(host);
        this.addresses = addresses.toArray(InetAddress[]::new);
    }

    @Override
    public InetAddress[] resolve(String name) throws UnknownHostException {
        if (!bare(name).equalsIgnoreCase(host)) {
            throw new UnknownHostException(name + " was not checked for this step");
        }
        return addresses.clone();
    }

    @Override
    public List<InetSocketAddress> resolve(String name, int port) throws UnknownHostException {
        return Arrays.stream(resolve(name)).map(address -> new InetSocketAddress(address, port)).toList();
    }

    @Override
    public String resolveCanonicalHostname(String name) {
        return name;
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
