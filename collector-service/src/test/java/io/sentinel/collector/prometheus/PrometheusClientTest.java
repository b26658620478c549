package io.sentinel.collector.prometheus;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.sentinel.collector.PrometheusFixtures;
import io.sentinel.collector.prometheus.PrometheusAnswer.Data;
import io.sentinel.collector.prometheus.PrometheusAnswer.Failed;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client against an HTTP server speaking Prometheus' API, and the ways that can fail. */
class PrometheusClientTest {

    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private static final Instant AT = Instant.parse("2026-11-23T14:05:50.745Z");

    private static WireMockServer prometheus;
    private static PrometheusClient client;

    @BeforeAll
    static void start() {
        prometheus = new WireMockServer(options().dynamicPort());
        prometheus.start();
        client = new PrometheusClient(URI.create(prometheus.baseUrl() + "/prom"), TIMEOUT, 4096);
    }

    @AfterAll
    static void stop() {
        client.close();
        prometheus.stop();
    }

    @Test
    void asksForTheExpressionAtTheRoundsInstantWithItsOwnTimeout() {
        prometheus.stubFor(get(urlPathEqualTo("/prom/api/v1/query")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(PrometheusFixtures.read(PrometheusFixtures.QUERY_UP))));

        PrometheusAnswer answer = client.query("up{job=~\".*node.*\"}", AT);

        assertThat(answer).isInstanceOfSatisfying(Data.class, data -> assertThat(data.series()).hasSize(2));
        prometheus.verify(getRequestedFor(urlPathEqualTo("/prom/api/v1/query"))
                .withQueryParam("query", equalTo("up{job=~\".*node.*\"}"))
                .withQueryParam("time", equalTo(Long.toString(AT.getEpochSecond()) + ".745"))
                .withQueryParam("timeout", equalTo("0.5")));
    }

    @Test
    void asksForHistoryFromStartToEndEveryStep() {
        prometheus.stubFor(get(urlPathEqualTo("/prom/api/v1/query_range")).willReturn(aResponse().withStatus(200)
                .withBody(PrometheusFixtures.read(PrometheusFixtures.QUERY_RANGE_CPU))));

        PrometheusAnswer answer = client.queryRange("cpu", Instant.ofEpochSecond(1_795_442_740), Instant.ofEpochSecond(1_795_442_750),
                Duration.ofSeconds(2));

        assertThat(answer).isInstanceOfSatisfying(Data.class, data -> assertThat(data.series().getFirst().points()).hasSize(6));
        prometheus.verify(getRequestedFor(urlPathEqualTo("/prom/api/v1/query_range"))
                .withQueryParam("start", equalTo("1795442740")).withQueryParam("end", equalTo("1795442750"))
                .withQueryParam("step", equalTo("2")));
    }

    @Test
    void reportsPrometheusOwnErrorText() {
        prometheus.stubFor(get(urlPathEqualTo("/prom/api/v1/query")).withQueryParam("query", equalTo("rate(foo"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody(
                        "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter \\\"query\\\": 1:9: parse error: unclosed left parenthesis\"}")));

        assertThat(client.query("rate(foo", AT)).isEqualTo(
                new Failed("bad_data: invalid parameter \"query\": 1:9: parse error: unclosed left parenthesis (HTTP 400)", true));
    }

    @Test
    void aSlowPrometheusIsATimeout() {
        prometheus.stubFor(get(urlPathEqualTo("/prom/api/v1/query")).withQueryParam("query", equalTo("slow"))
                .willReturn(aResponse().withStatus(200).withFixedDelay(1500).withBody("{}")));

        assertThat(client.query("slow", AT)).isEqualTo(new Failed("no complete answer within 500ms", false));
    }

    @Test
    void anAnswerLargerThanTheLimitIsRefused() {
        String large = "{\"status\":\"success\",\"data\":{\"resultType\":\"string\",\"result\":[1,\"" + "x".repeat(5000) + "\"]}}";
        prometheus.stubFor(get(urlPathEqualTo("/prom/api/v1/query")).withQueryParam("query", equalTo("large"))
                .willReturn(aResponse().withStatus(200).withBody(large)));
        prometheus.stubFor(get(urlPathEqualTo("/prom/api/v1/query")).withQueryParam("query", equalTo("chunked"))
                .willReturn(aResponse().withStatus(200).withBody(large).withChunkedDribbleDelay(5, 50)));

        Failed tooLarge = new Failed("answer larger than 4096 bytes (sentinel.collector.prometheus.max-response-bytes)", true);
        assertThat(client.query("large", AT)).as("declared length").isEqualTo(tooLarge);
        assertThat(client.query("chunked", AT)).as("no declared length").isEqualTo(tooLarge);
    }

    @Test
    void nobodyListeningIsConnectionRefused() throws IOException {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (var nowhere = new PrometheusClient(URI.create("http://127.0.0.1:" + port), TIMEOUT, 4096)) {
            assertThat(nowhere.query("up", AT)).isInstanceOfSatisfying(Failed.class, failed -> {
                assertThat(failed.reason()).startsWith("connection refused");
                assertThat(failed.answered()).isFalse();
            });
        }
    }
}
