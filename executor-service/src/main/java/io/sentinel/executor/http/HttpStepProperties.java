package io.sentinel.executor.http;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How playbook steps reach the outside world.
 *
 * @param allowedHosts   the only hosts a step may call: {@code host}, {@code host:port} or {@code *.suffix};
 *                       a step against any other host fails without sending anything
 * @param connectTimeout how long to wait for a connection; each step's own timeout bounds the whole call
 */
@ConfigurationProperties("sentinel.executor.http")
public record HttpStepProperties(@DefaultValue({"localhost", "127.0.0.1"}) List<String> allowedHosts,
                                 @DefaultValue("5s") Duration connectTimeout) {

    public HttpStepProperties {
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
        for (int i = 0; i < allowedHosts.size(); i++) {
            int index = i;
            HostAllowlist.problemWith(allowedHosts.get(i)).ifPresent(problem -> {
                throw new IllegalArgumentException(HostAllowlist.PROPERTY + "[" + index + "]: " + problem);
            });
        }
        if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("sentinel.executor.http.connect-timeout must be positive, was " + connectTimeout);
        }
    }
}
