package io.sentinel.notifier.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.sentinel.notifier.channel.ChannelMessage;
import io.sentinel.notifier.channel.SendResult;
import io.sentinel.notifier.notification.NotificationKind;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The webhook channel against a WireMock receiver: what it sends, and how it classifies what comes back. */
class WebhookChannelTest {

    private static final String SECRET = "hook-secret-0123456789";
    private static final Instant NOW = Instant.parse("2026-11-23T14:05:35Z");
    private static final String PAYLOAD = "{\"kind\":\"incident.opened\",\"incidentId\":\"inc-1\",\"title\":null}";
    private static WireMockServer receiver;

    @BeforeAll
    static void startTheReceiver() {
        receiver = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        receiver.start();
    }

    @AfterAll
    static void stopTheReceiver() {
        receiver.stop();
    }

    @AfterEach
    void forgetRequests() {
        receiver.resetAll();
    }

    @Test
    void postsThePayloadSignedWithTheDeliveryIdAndTheKind() {
        receiver.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(204)));

        SendResult result = channel(URI.create(receiver.baseUrl() + "/hook"), Duration.ofSeconds(2)).send(message());

        assertThat(result).isEqualTo(new SendResult.Delivered("HTTP 204"));
        receiver.verify(1, postRequestedFor(urlEqualTo("/hook"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("X-Sentinel-Event", equalTo("incident.opened"))
                .withHeader("X-Sentinel-Delivery", equalTo("delivery-1"))
                .withHeader("X-Sentinel-Signature", equalTo(WebhookSignature.header(SECRET, NOW.getEpochSecond(),
                        PAYLOAD.getBytes(StandardCharsets.UTF_8))))
                .withRequestBody(equalTo(PAYLOAD)));
    }

    @Test
    void aReceiverThatRefusesTheRequestIsNotRetriedButOneThatFailsIs() {
        receiver.stubFor(post(urlEqualTo("/gone")).willReturn(aResponse().withStatus(410)));
        receiver.stubFor(post(urlEqualTo("/busy")).willReturn(aResponse().withStatus(429)));
        receiver.stubFor(post(urlEqualTo("/down")).willReturn(aResponse().withStatus(503)));

        assertThat(channel(URI.create(receiver.baseUrl() + "/gone"), Duration.ofSeconds(2)).send(message()))
                .isEqualTo(new SendResult.Failed("HTTP 410", false));
        assertThat(channel(URI.create(receiver.baseUrl() + "/busy"), Duration.ofSeconds(2)).send(message()))
                .isEqualTo(new SendResult.Failed("HTTP 429", true));
        assertThat(channel(URI.create(receiver.baseUrl() + "/down"), Duration.ofSeconds(2)).send(message()))
                .isEqualTo(new SendResult.Failed("HTTP 503", true));
    }

    @Test
    void neverFollowsARedirectWithTheSignedRequest() {
        receiver.stubFor(post(urlEqualTo("/moved")).willReturn(aResponse().withStatus(307).withHeader("Location", receiver.baseUrl() + "/stolen")));

        SendResult result = channel(URI.create(receiver.baseUrl() + "/moved"), Duration.ofSeconds(2)).send(message());

        assertThat(result).isEqualTo(new SendResult.Failed("HTTP 307", false));
        receiver.verify(0, postRequestedFor(urlEqualTo("/stolen")));
    }

    @Test
    void aSlowReceiverFailsTheAttemptAtTheTimeoutRetryably() {
        // WireMock plays a receiver that answers after 3 s: the attempt gives up at 300 ms.
        receiver.stubFor(post(urlEqualTo("/slow")).willReturn(aResponse().withStatus(200).withFixedDelay(3_000)));

        long started = System.nanoTime();
        SendResult result = channel(URI.create(receiver.baseUrl() + "/slow"), Duration.ofMillis(300)).send(message());

        assertThat(result).isInstanceOfSatisfying(SendResult.Failed.class, failed -> assertThat(failed.retryable()).isTrue());
        assertThat((System.nanoTime() - started) / 1_000_000).as("not the receiver's 3 s").isLessThan(2_500);
    }

    @Test
    void aReceiverThatIsNotListeningIsRetryable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        SendResult result = channel(URI.create("http://127.0.0.1:" + closedPort + "/hook"), Duration.ofSeconds(2)).send(message());

        assertThat(result).isInstanceOfSatisfying(SendResult.Failed.class, failed -> {
            assertThat(failed.retryable()).isTrue();
            assertThat(failed.reason()).startsWith("ConnectException");
        });
    }

    @Test
    void saysWhichKindsItWantsAndNeverShowsItsSecret() {
        var webhook = new Webhook("resolutions", URI.create("https://hooks.example.com/x"), SECRET, Set.of(NotificationKind.INCIDENT_RESOLVED));
        var channel = new WebhookChannel(webhook, WebhookChannel.httpClient(Duration.ofSeconds(1)), Duration.ofSeconds(1), Clock.systemUTC());

        assertThat(channel.name()).isEqualTo("resolutions");
        assertThat(channel.wants(NotificationKind.INCIDENT_RESOLVED)).isTrue();
        assertThat(channel.wants(NotificationKind.INCIDENT_OPENED)).isFalse();
        assertThat(channel.toString()).doesNotContain(SECRET);
    }

    private static WebhookChannel channel(URI url, Duration timeout) {
        return new WebhookChannel(new Webhook("ops", url, SECRET, null), WebhookChannel.httpClient(timeout), timeout,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static ChannelMessage message() {
        return new ChannelMessage("delivery-1", NotificationKind.INCIDENT_OPENED, PAYLOAD);
    }
}
