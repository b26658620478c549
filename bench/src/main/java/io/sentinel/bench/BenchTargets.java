package io.sentinel.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Scrape targets for the benchmark: each serves cAdvisor-style memory series for many containers,
 * with values that move, most of them healthy and a few over the memory threshold (as in a real
 * fleet), so the detector does its usual work: mostly quiet evaluations, now and then an incident.
 */
final class BenchTargets implements AutoCloseable {

    private static final long LIMIT = 512L * 1024 * 1024;

    private final HttpServer server;

    private BenchTargets(HttpServer server) {
        this.server = server;
    }

    static BenchTargets start(int seriesPerTarget) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = exposition(seriesPerTarget).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return new BenchTargets(server);
    }

    String url(int target) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/targets/" + target + "/metrics";
    }

    private static String exposition(int series) {
        var random = ThreadLocalRandom.current();
        var text = new StringBuilder(series * 160);
        text.append("# TYPE container_memory_working_set_bytes gauge\n");
        for (int i = 0; i < series; i++) {
            // one container in fifty runs hot
            double ratio = i % 50 == 0 ? 0.65 + random.nextDouble() * 0.1 : 0.2 + random.nextDouble() * 0.3;
            text.append("container_memory_working_set_bytes{container=\"c").append(i).append("\"} ").append((long) (ratio * LIMIT)).append('\n');
        }
        text.append("# TYPE container_spec_memory_limit_bytes gauge\n");
        for (int i = 0; i < series; i++) {
            text.append("container_spec_memory_limit_bytes{container=\"c").append(i).append("\"} ").append(LIMIT).append('\n');
        }
        return text.toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
