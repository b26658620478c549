package io.sentinel.executor.http;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How playbook steps reach the outside world.
 *
 * @param allowedHosts     the only hosts and ports a step may call: {@code host:port}, {@code *.suffix:port}
 *                         or {@code [v6-address]:port}; empty (the default): no step may call anything
 * @param allowedNetworks  CIDRs of special-purpose addresses (loopback, private, link-local...) that steps
 *                         may nevertheless connect to; empty by default
 * @param connectTimeout   how long to wait for a connection, within each step's own timeout
 * @param maxResponseBytes the most of a response body a step reads; a bigger body fails the step
 */
@ConfigurationProperties("sentinel.executor.http")
public record HttpStepProperties(List<String> allowedHosts, List<String> allowedNetworks, @DefaultValue("5s") Duration connectTimeout,
                                 @DefaultValue("1MB") DataSize maxResponseBytes) {

    public HttpStepProperties {
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
        allowedNetworks = allowedNetworks == null ? List.of() : List.copyOf(allowedNetworks);
        check(HostAllowlist.PROPERTY, allowedHosts, HostAllowlist::problemWith);
        check(AddressPolicy.PROPERTY, allowedNetworks, AddressPolicy::problemWith);
        if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("sentinel.executor.http.connect-timeout must be positive, was " + connectTimeout);
        }
        if (maxResponseBytes == null || maxResponseBytes.toBytes() < 1 || maxResponseBytes.toBytes() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("sentinel.executor.http.max-response-bytes must be between 1B and 2GB, was "
                    + maxResponseBytes);
        }
    }

    private static void check(String property, List<String> entries, Function<String, Optional<String>> problemWith) {
        for (int i = 0; i < entries.size(); i++) {
            int index = i;
            problemWith.apply(entries.get(i)).ifPresent(problem -> {
                throw new IllegalArgumentException(property + "[" + index + "]: " + problem);
            });
        }
    }
}
