package io.sentinel.executor.template;

import io.sentinel.playbooks.HttpRequestSpec;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** Renders a step's whole request, or refuses it whole: a half-rendered request is never sent. */
public final class RequestRenderer {

    private RequestRenderer() {
    }

    public static RequestRendering render(HttpRequestSpec request, TemplateVariables variables) {
        try {
            URI url = UrlRenderer.render(request.url(), variables);
            Map<String, String> headers = new LinkedHashMap<>();
            request.headers().forEach((name, template) -> headers.put(name, HeaderRenderer.render(name, template, variables)));
            String body = BodyRenderer.render(request, variables);
            return new RequestRendering.Ready(new RenderedRequest(request.method(), url, headers, body));
        } catch (TemplateRefusal refusal) {
            return new RequestRendering.Refused(refusal.getMessage());
        }
    }

    /** A request ready to send, or why it must not be sent. */
    public sealed interface RequestRendering {

        record Ready(RenderedRequest request) implements RequestRendering {
        }

        record Refused(String reason) implements RequestRendering {
        }
    }
}
