package io.sentinel.notifier.webhook;

import io.sentinel.notifier.channel.Channel;
import io.sentinel.notifier.channel.ChannelMessage;
import io.sentinel.notifier.channel.HttpAnswers;
import io.sentinel.notifier.channel.SendResult;
import io.sentinel.notifier.notification.NotificationKind;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * A webhook: POSTs each notification's payload as JSON, signed as {@link WebhookSignature} describes,
 * with {@code X-Sentinel-Event} (the notification's kind) and {@code X-Sentinel-Delivery} (stable
 * across retries, for deduplication). Redirects are not followed: the signed request goes where it was
 * configured to go, or nowhere.
 */
public final class WebhookChannel implements Channel {

    private final Webhook webhook;
    private final HttpClient client;
    private final Duration timeout;
    private final Clock clock;

    /** @param client shared by all webhooks; see {@link #httpClient} */
    public WebhookChannel(Webhook webhook, HttpClient client, Duration timeout, Clock clock) {
        this.webhook = webhook;
        this.client = client;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** An HTTP client for webhooks: HTTP/1.1, no redirects, connecting within the timeout. */
    public static HttpClient httpClient(Duration timeout) {
        return HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public String name() {
        return webhook.name();
    }

    @Override
    public boolean wants(NotificationKind kind) {
        return webhook.wants(kind);
    }

    @Override
    public SendResult send(ChannelMessage message) {
        byte[] body = message.payload().getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(webhook.url())
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "sentinel-notifier")
                .header("X-Sentinel-Event", message.kind().wireName())
                .header("X-Sentinel-Delivery", message.deliveryId())
                .header("X-Sentinel-Signature", WebhookSignature.header(webhook.secret(), clock.instant().getEpochSecond(), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            return HttpAnswers.ofStatus(client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (IOException e) {
            return HttpAnswers.unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendResult.Failed("interrupted", true);
        }
    }

    @Override
    public String toString() {
        return "WebhookChannel[" + webhook + "]";
    }
}
