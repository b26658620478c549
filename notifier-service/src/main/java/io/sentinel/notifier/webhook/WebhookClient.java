package io.sentinel.notifier.webhook;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;

/**
 * POSTs notifications to webhooks as JSON, signed as {@link WebhookSignature} describes, with
 * {@code X-Sentinel-Event} (the notification's kind) and {@code X-Sentinel-Delivery} (stable across
 * retries, for deduplication). Redirects are not followed: the signed request goes where it was
 * configured to go, or nowhere.
 */
public final class WebhookClient {

    private final HttpClient client;
    private final Duration timeout;
    private final Clock clock;

    public WebhookClient(Duration timeout, Clock clock) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.timeout = timeout;
        this.clock = clock;
    }

    public WebhookResponse post(Webhook webhook, String deliveryId, String kind, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(webhook.url())
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "sentinel-notifier")
                .header("X-Sentinel-Event", kind)
                .header("X-Sentinel-Delivery", deliveryId)
                .header("X-Sentinel-Signature", WebhookSignature.header(webhook.secret(), clock.instant().getEpochSecond(), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 300 ? new WebhookResponse.Accepted(status) : new WebhookResponse.Refused(status);
        } catch (IOException e) {
            return new WebhookResponse.Unreachable(e.getMessage() == null
                    ? e.getClass().getSimpleName()
                    : e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new WebhookResponse.Unreachable("interrupted");
        }
    }
}
