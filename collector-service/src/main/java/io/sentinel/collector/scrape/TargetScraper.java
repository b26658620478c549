package io.sentinel.collector.scrape;

import io.sentinel.collector.exposition.Exposition;
import io.sentinel.collector.exposition.ExpositionParser;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Fetches and reads one target's exposition text, turning every way that can fail into a {@link ScrapeOutcome.Failed}. */
public final class TargetScraper implements AutoCloseable {

    /** The format this collector reads; exporters that can also speak protobuf or OpenMetrics answer with it. */
    static final String ACCEPT = "text/plain;version=0.0.4";

    private final HttpClient client;
    private final Duration timeout;
    private final Clock clock;

    public TargetScraper(Duration timeout, Clock clock) {
        this.client = HttpClient.newBuilder()
                // Exporters speak HTTP/1.1; an h2c upgrade attempt only costs a round trip.
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.timeout = timeout;
        this.clock = clock;
    }

    public ScrapeOutcome scrape(ScrapeTarget target) {
        Instant at = clock.instant();
        HttpRequest request = HttpRequest.newBuilder(target.url())
                .timeout(timeout)
                .header("Accept", ACCEPT)
                .header("User-Agent", "sentinel-collector")
                // Lets an exporter that does expensive collection stop in time, as it does for Prometheus.
                .header("X-Prometheus-Scrape-Timeout-Seconds", BigDecimal.valueOf(timeout.toMillis(), 3).stripTrailingZeros().toPlainString())
                .GET()
                .build();
        CompletableFuture<HttpResponse<String>> response = client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        try {
            // The request timeout covers the response headers only; this covers the body too.
            HttpResponse<String> answer = response.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (answer.statusCode() / 100 != 2) {
                return new ScrapeOutcome.Failed(at, "HTTP " + answer.statusCode());
            }
            Exposition exposition = ExpositionParser.parse(answer.body(), target.name());
            if (exposition.unreadable()) {
                return new ScrapeOutcome.Failed(at, "not exposition text: " + exposition.malformedLines() + " malformed lines and no samples");
            }
            return new ScrapeOutcome.Scraped(at, exposition);
        } catch (TimeoutException e) {
            response.cancel(true);
            return new ScrapeOutcome.Failed(at, "no complete answer within " + timeout.toMillis() + "ms");
        } catch (ExecutionException e) {
            return new ScrapeOutcome.Failed(at, describe(e.getCause()));
        } catch (InterruptedException e) {
            response.cancel(true);
            Thread.currentThread().interrupt();
            return new ScrapeOutcome.Failed(at, "interrupted");
        }
    }

    private String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return switch (cause) {
            case HttpConnectTimeoutException timedOut -> "could not connect within " + timeout.toMillis() + "ms";
            case HttpTimeoutException timedOut -> "no complete answer within " + timeout.toMillis() + "ms";
            case ConnectException refused -> "connection refused" + (refused.getMessage() == null ? "" : ": " + refused.getMessage());
            default -> cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        };
    }

    @Override
    public void close() {
        client.shutdownNow();
    }
}
