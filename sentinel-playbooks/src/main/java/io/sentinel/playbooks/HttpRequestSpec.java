package io.sentinel.playbooks;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An HTTP call. {@code url}, header values and {@code body} are templates: {@code {{labels.x}}},
 * {@code {{params.x}}}, {@code {{incident.id}}}, {@code {{incident.resource}}}, {@code {{snapshot.body}}}.
 *
 * @param expectStatus statuses that count as success; any 2xx when empty
 */
public record HttpRequestSpec(String method, String url, Map<String, String> headers, String body, List<Integer> expectStatus,
                              Duration timeout) {

    public HttpRequestSpec {
        method = method == null ? "GET" : method.toUpperCase(java.util.Locale.ROOT);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        expectStatus = expectStatus == null ? List.of() : List.copyOf(expectStatus);
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
    }

    public boolean succeeded(int status) {
        return expectStatus.isEmpty() ? status >= 200 && status < 300 : expectStatus.contains(status);
    }
}
