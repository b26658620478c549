package io.sentinel.collector.scrape;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.sentinel.collector.PrometheusFixtures;
import io.sentinel.collector.series.Sample;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The scraper against an HTTP server speaking like an exporter, and like the ways exporters fail. */
class TargetScraperTest {

    private static final Instant NOW = Instant.parse("2026-11-23T14:05:35Z");
    private static final Duration TIMEOUT = Duration.ofMillis(500);

    private static WireMockServer server;
    private static TargetScraper scraper;

    @BeforeAll
    static void start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        scraper = new TargetScraper(TIMEOUT, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterAll
    static void stop() {
        scraper.close();
        server.stop();
    }

    @Test
    void readsAnExporterAskingForTheTextFormat() {
        server.stubFor(get("/node/metrics").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .withBody(PrometheusFixtures.read(PrometheusFixtures.NODE_EXPORTER_CPU_MEMORY))));

        ScrapeOutcome outcome = scraper.scrape(target("/node/metrics"));

        assertThat(outcome).isInstanceOfSatisfying(ScrapeOutcome.Scraped.class, scraped -> {
            assertThat(scraped.at()).isEqualTo(NOW);
            assertThat(scraped.exposition().samples()).hasSize(22)
                    .contains(new Sample("node_memory_MemTotal_bytes", Map.of(), 25_276_063_744.0));
        });
        server.verify(getRequestedFor(urlEqualTo("/node/metrics"))
                .withHeader("Accept", equalTo("text/plain;version=0.0.4"))
                .withHeader("X-Prometheus-Scrape-Timeout-Seconds", equalTo("0.5")));
    }

    @Test
    void anEmptyExpositionIsASuccessfulScrape() {
        server.stubFor(get("/empty/metrics").willReturn(aResponse().withStatus(200).withBody("")));

        assertThat(scraper.scrape(target("/empty/metrics"))).isInstanceOf(ScrapeOutcome.Scraped.class);
    }

    @Test
    void anErrorStatusIsAFailure() {
        server.stubFor(get("/broken/metrics").willReturn(aResponse().withStatus(503).withBody("shop 1")));

        assertThat(scraper.scrape(target("/broken/metrics"))).isEqualTo(new ScrapeOutcome.Failed(NOW, "HTTP 503"));
    }

    @Test
    void somethingOtherThanExpositionTextIsAFailure() {
        server.stubFor(get("/html/metrics").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<html>\n<body>Sign in</body>\n</html>\n")));

        assertThat(scraper.scrape(target("/html/metrics")))
                .isEqualTo(new ScrapeOutcome.Failed(NOW, "not exposition text: 3 malformed lines and no samples"));
    }

    @Test
    void aTargetThatDoesNotAnswerInTimeIsAFailure() {
        server.stubFor(get("/slow/metrics").willReturn(aResponse().withStatus(200).withBody("up 1").withFixedDelay(3_000)));

        long started = System.nanoTime();
        ScrapeOutcome outcome = scraper.scrape(target("/slow/metrics"));

        assertThat(outcome).isEqualTo(new ScrapeOutcome.Failed(NOW, "no complete answer within 500ms"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aBodyThatTricklesInPastTheTimeoutIsAFailure() {
        server.stubFor(get("/trickle/metrics").willReturn(aResponse().withStatus(200)
                .withBody("a 1\nb 2\nc 3\nd 4\ne 5\nf 6\n").withChunkedDribbleDelay(6, 3_000)));

        long started = System.nanoTime();
        ScrapeOutcome outcome = scraper.scrape(target("/trickle/metrics"));

        assertThat(outcome).as("the timeout covers the body, not only the headers")
                .isEqualTo(new ScrapeOutcome.Failed(NOW, "no complete answer within 500ms"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aClosedPortIsAFailure() throws IOException {
        int closed;
        try (var socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }

        ScrapeOutcome outcome = scraper.scrape(new ScrapeTarget("gone", URI.create("http://127.0.0.1:" + closed + "/metrics"), Map.of(), null));

        assertThat(outcome).isInstanceOfSatisfying(ScrapeOutcome.Failed.class,
                failed -> assertThat(failed.reason()).startsWith("connection refused"));
    }

    private static ScrapeTarget target(String path) {
        return new ScrapeTarget("test", URI.create(server.baseUrl() + path), Map.of(), null);
    }
}
