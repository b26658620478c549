package io.sentinel.playbooks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP call. {@code url}, header values and {@code body} are templates (see {@code docs/executor.md}):
 * {@code {{target.url}}} and the other {@code {{target.*}}}, {@code {{params.x}}}, declared
 * {@code {{labels.x}}}, {@code {{secrets.x}}}, {@code {{incident.id}}}, {@code {{incident.resource}}}
 * and {@code {{snapshot.body}}}.
 *
 * @param expectStatus statuses that count as success; any 2xx when empty
 * @param timeout      the whole call's deadline: connecting, the headers and the entire body
 */
public record HttpRequestSpec(String method, String url, Map<String, String> headers, String body, List<Integer> expectStatus,
                              Duration timeout) implements StepAction {

    /** The key a step's HTTP action is written under. */
    public static final String KIND = "http";

    public HttpRequestSpec {
        method = method == null ? "GET" : method.toUpperCase(Locale.ROOT);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        expectStatus = expectStatus == null ? List.of() : List.copyOf(expectStatus);
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
    }

    @Override
    public String kind() {
        return KIND;
    }

    public boolean succeeded(int status) {
        return expectStatus.isEmpty() ? status >= 200 && status < 300 : expectStatus.contains(status);
    }

    /** The value of a header, its name compared case-insensitively; null if the step sets none. */
    public String header(String name) {
        return headers.entrySet().stream().filter(header -> header.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    /** Every template of the call: the url, the header values and the body. */
    @Override
    public List<String> templates() {
        List<String> templates = new ArrayList<>();
        if (url != null) {
            templates.add(url);
        }
        templates.addAll(headers.values());
        if (body != null) {
            templates.add(body);
        }
        return templates;
    }
}
