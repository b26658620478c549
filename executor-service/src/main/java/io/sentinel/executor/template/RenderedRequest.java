package io.sentinel.executor.template;

import java.net.URI;
import java.util.Map;

/** A step's request with every template rendered and every value encoded for where it stands. */
public record RenderedRequest(String method, URI url, Map<String, String> headers, String body) {

    public RenderedRequest {
        headers = Map.copyOf(headers);
    }
}
