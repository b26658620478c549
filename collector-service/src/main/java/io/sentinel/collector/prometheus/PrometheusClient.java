package io.sentinel.collector.prometheus;

import io.sentinel.collector.prometheus.PrometheusAnswer.Failed;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Asks Prometheus' HTTP API, turning every way that can fail into a {@link Failed} that says why,
 * in Prometheus' own words when it gave any.
 */
public final class PrometheusClient implements AutoCloseable {

    private final HttpClient client;
    private final URI base;
    private final Duration timeout;
    private final long maxResponseBytes;

    /** @param base Prometheus' base URL; a path prefix (behind a proxy) is kept */
    public PrometheusClient(URI base, Duration timeout, long maxResponseBytes) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        String url = base.toString();
        this.base = URI.create(url.endsWith("/") ? url : url + "/");
        this.timeout = timeout;
        this.maxResponseBytes = maxResponseBytes;
    }

    /** {@code GET /api/v1/query}: the expression's value at {@code time}. */
    public PrometheusAnswer query(String promql, Instant time) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("query", promql);
        parameters.put("time", seconds(time));
        parameters.put("timeout", seconds(timeout));
        return get("api/v1/query", parameters);
    }

    /** {@code GET /api/v1/query_range}: the expression's values from {@code start} to {@code end} every {@code step}. */
    public PrometheusAnswer queryRange(String promql, Instant start, Instant end, Duration step) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("query", promql);
        parameters.put("start", seconds(start));
        parameters.put("end", seconds(end));
        parameters.put("step", seconds(step));
        parameters.put("timeout", seconds(timeout));
        return get("api/v1/query_range", parameters);
    }

    private PrometheusAnswer get(String path, Map<String, String> parameters) {
        String query = parameters.entrySet().stream()
                .map(parameter -> parameter.getKey() + "=" + URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path + "?" + query))
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("User-Agent", "sentinel-collector")
                .GET()
                .build();
        CompletableFuture<HttpResponse<byte[]>> response = client.sendAsync(request, BoundedBody.handler(maxResponseBytes));
        try {
            // The request timeout covers the response headers only; this covers the body too.
            HttpResponse<byte[]> answer = response.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (answer.body() == null) {
                return new Failed("answer larger than " + maxResponseBytes + " bytes (sentinel.collector.prometheus.max-response-bytes)", true);
            }
            return PrometheusResponseParser.parse(answer.statusCode(), answer.body());
        } catch (TimeoutException e) {
            response.cancel(true);
            return new Failed("no complete answer within " + timeout.toMillis() + "ms", false);
        } catch (ExecutionException e) {
            return describe(e.getCause());
        } catch (InterruptedException e) {
            response.cancel(true);
            Thread.currentThread().interrupt();
            return new Failed("interrupted", false);
        }
    }

    private Failed describe(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        // The HTTP client wraps what a body subscriber fails with in an IOException.
        for (Throwable reason = cause; reason != null; reason = reason.getCause()) {
            if (reason instanceof BoundedBody.TooLarge tooLarge) {
                return new Failed(tooLarge.getMessage(), true);
            }
        }
        return switch (cause) {
            case HttpConnectTimeoutException timedOut -> new Failed("could not connect within " + timeout.toMillis() + "ms", false);
            case HttpTimeoutException timedOut -> new Failed("no complete answer within " + timeout.toMillis() + "ms", false);
            case ConnectException refused -> new Failed("connection refused" + (refused.getMessage() == null ? "" : ": " + refused.getMessage()), false);
            default -> new Failed(cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), false);
        };
    }

    /** Prometheus takes times and durations as (decimal) seconds. */
    private static String seconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli(), 3).stripTrailingZeros().toPlainString();
    }

    private static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString();
    }

    @Override
    public void close() {
        client.shutdownNow();
    }
}
