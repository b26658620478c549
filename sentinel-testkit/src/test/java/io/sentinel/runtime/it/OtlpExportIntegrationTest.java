package io.sentinel.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.sentinel.events.EventEnvelope;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.testkit.ServiceIntegrationTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * {@code SENTINEL_OTLP_ENDPOINT} sends the pipeline's spans to an OpenTelemetry collector over OTLP/HTTP.
 * The collector here is a loopback HTTP server that keeps what it is sent; the variable is set as a
 * system property before the service starts, which is where Spring reads environment variables too.
 */
@SpringBootTest(classes = ProbeApplication.class, properties = {
        // A consumer group and schema of its own, apart from the other probes.
        "spring.cloud.stream.default.group=probe-otlp",
        "sentinel.db.schema=probe_otlp"})
@ActiveProfiles("runtime-it")
// Closed after the class: its exporter would otherwise go on sending to the stopped collector.
@DirtiesContext
class OtlpExportIntegrationTest extends ServiceIntegrationTest {

    private static final List<Export> EXPORTS = new CopyOnWriteArrayList<>();
    private static final HttpServer COLLECTOR = collector();

    record Export(String method, String path, String contentType, byte[] body) {
    }

    @AfterAll
    static void stopTheCollector() {
        System.clearProperty("SENTINEL_OTLP_ENDPOINT");
        COLLECTOR.stop(0);
    }

    @Test
    void exportsThePipelinesSpansOverOtlpHttpWhenAnEndpointIsSet() {
        EventEnvelope<IncidentOpened> sent = sender.send(ProbeEvents.opened("inc-exported"));
        byte[] traceId = HexFormat.of().parseHex(sent.traceParent().traceId());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(EXPORTS)
                .anySatisfy(export -> {
                    assertThat(export.method()).isEqualTo("POST");
                    assertThat(export.path()).isEqualTo("/v1/traces");
                    assertThat(export.contentType()).isEqualTo("application/x-protobuf");
                    // Protobuf carries strings and ids as raw bytes: the span's name and the event's trace id are in there.
                    assertThat(contains(export.body(), "sentinel.incidents.v1 process".getBytes(StandardCharsets.UTF_8))).isTrue();
                    assertThat(contains(export.body(), traceId)).isTrue();
                }));
    }

    private static HttpServer collector() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                EXPORTS.add(new Export(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Content-Type"), exchange.getRequestBody().readAllBytes()));
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            System.setProperty("SENTINEL_OTLP_ENDPOINT", "http://127.0.0.1:" + server.getAddress().getPort());
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
