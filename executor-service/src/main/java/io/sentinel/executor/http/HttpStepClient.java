package io.sentinel.executor.http;

import io.sentinel.playbooks.HttpRequestSpec;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a playbook's HTTP request: renders its templates, refuses hosts outside the allowlist, sends
 * it with the step's timeout and judges the status by the step's expectations. Redirects are never
 * followed: a redirect could lead outside the allowlist. Request headers and bodies are never
 * logged, since they may carry credentials; method, host, path, status and duration are.
 */
public final class HttpStepClient {

    private static final Logger log = LoggerFactory.getLogger(HttpStepClient.class);

    private final HttpClient client;
    private final HostAllowlist allowlist;

    public HttpStepClient(HttpStepProperties properties) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.allowlist = new HostAllowlist(properties.allowedHosts());
    }

    public StepOutcome execute(HttpRequestSpec spec, TemplateVariables variables) {
        Prepared prepared;
        try {
            prepared = prepare(spec, variables);
        } catch (Unsendable e) {
            log.warn("http step refused method={} reason=\"{}\"", spec.method(), e.getMessage());
            return StepOutcome.refused(e.getMessage());
        }
        return send(spec, prepared);
    }

    private Prepared prepare(HttpRequestSpec spec, TemplateVariables variables) {
        URI url;
        try {
            url = new URI(rendered(spec.url(), variables, "url"));
        } catch (URISyntaxException e) {
            throw new Unsendable("the rendered url is not a valid URL: " + e.getReason());
        }
        if (!"http".equalsIgnoreCase(url.getScheme()) && !"https".equalsIgnoreCase(url.getScheme())) {
            throw new Unsendable("only http and https URLs can be called, not '" + url.getScheme() + "'");
        }
        allowlist.refusal(url).ifPresent(refusal -> {
            throw new Unsendable(refusal);
        });
        Map<String, String> headers = new LinkedHashMap<>();
        spec.headers().forEach((name, value) -> headers.put(name, rendered(value, variables, "header " + name)));
        String body = spec.body() == null ? null : rendered(spec.body(), variables, "body");
        String target = spec.method() + " " + url.getScheme() + "://" + hostAndPort(url) + (url.getRawPath() == null ? "" : url.getRawPath());
        try {
            var request = HttpRequest.newBuilder(url).timeout(spec.timeout())
                    .method(spec.method(), body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            headers.forEach(request::header);
            return new Prepared(request.build(), url, target);
        } catch (IllegalArgumentException e) {
            throw new Unsendable(target + " cannot be sent: " + e.getMessage());
        }
    }

    private StepOutcome send(HttpRequestSpec spec, Prepared prepared) {
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(prepared.request(), HttpResponse.BodyHandlers.ofString());
            long millis = elapsedMillis(started);
            boolean succeeded = spec.succeeded(response.statusCode());
            log.info("http step method={} host={} path={} status={} durationMs={} succeeded={}", spec.method(),
                    hostAndPort(prepared.url()), prepared.url().getRawPath(), response.statusCode(), millis, succeeded);
            String detail = prepared.target() + " -> " + response.statusCode() + " in " + millis + " ms"
                    + (succeeded ? "" : " (expected " + (spec.expectStatus().isEmpty() ? "2xx" : spec.expectStatus()) + ")");
            return new StepOutcome(succeeded, detail, millis, response.body());
        } catch (IOException e) {
            long millis = elapsedMillis(started);
            log.warn("http step failed method={} host={} path={} durationMs={} error={}", spec.method(),
                    hostAndPort(prepared.url()), prepared.url().getRawPath(), millis, e.getClass().getSimpleName());
            return new StepOutcome(false, prepared.target() + " failed after " + millis + " ms: " + describe(e), millis, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new StepOutcome(false, prepared.target() + " was interrupted", elapsedMillis(started), null);
        }
    }

    private static String rendered(String template, TemplateVariables variables, String part) {
        return switch (TemplateRenderer.render(template, variables)) {
            case TemplateRenderer.Rendering.Rendered rendered -> rendered.text();
            case TemplateRenderer.Rendering.Refused refused -> throw new Unsendable("cannot render the " + part + ": " + refused.reason());
        };
    }

    /** Host and port only: the authority may also hold user info, i.e. credentials. */
    private static String hostAndPort(URI url) {
        return url.getPort() == -1 ? url.getHost() : url.getHost() + ":" + url.getPort();
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static long elapsedMillis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    private record Prepared(HttpRequest request, URI url, String target) {
    }

    /** A request that must not be sent; the message says why. */
    private static final class Unsendable extends RuntimeException {
        Unsendable(String message) {
            super(message);
        }
    }
}
