package io.sentinel.local.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo service's HTTP face: Prometheus metrics, health, fault injection, the remediation
 * endpoints playbooks call, and the configuration a snapshot reads and a rollback restores.
 */
public final class DemoServer implements AutoCloseable {

    private static final String HELP = """
            Sentinel demo service '%s'
              GET    /metrics                 Prometheus exposition (cAdvisor-style container metrics)
              GET    /health                  health and active faults
              POST   /faults/{fault}          inject: memory-leak, incurable-memory-leak, cpu-burn, error-burst, stuck-queue
              GET    /faults                  active faults
              DELETE /faults                  heal everything
              POST   /actions/release-memory  remediation: drop the cache, free leaked buffers
              POST   /actions/restart         remediation: simulated restart
              GET    /admin/config            runtime configuration (what a snapshot captures)
              PUT    /admin/config            replace the configuration (what a rollback restores)
            """;

    private final DemoWorkload workload;
    private final HttpServer server;
    private final JsonMapper json = JsonMapper.builder().build();

    private DemoServer(DemoWorkload workload, HttpServer server) {
        this.workload = workload;
        this.server = server;
    }

    /** @param port 0 for any free port */
    public static DemoServer start(DemoWorkload workload, int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            var demo = new DemoServer(workload, server);
            server.createContext("/", demo::handle);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return demo;
        } catch (IOException e) {
            throw new UncheckedIOException("demo service '" + workload.name() + "' cannot listen on port " + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** host:port, as the collector labels the target's {@code instance}. */
    public String instance() {
        return "127.0.0.1:" + port();
    }

    public String url() {
        return "http://" + instance();
    }

    public DemoWorkload workload() {
        return workload;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            switch (method + " " + path) {
                case "GET /" -> text(exchange, 200, HELP.formatted(workload.name()));
                case "GET /metrics" -> respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", workload.metrics().exposition());
                case "GET /health" -> json(exchange, 200, Map.of("status", "UP", "faults", workload.faults()));
                case "GET /faults" -> json(exchange, 200, Map.of("faults", workload.faults()));
                case "DELETE /faults" -> {
                    workload.heal();
                    json(exchange, 200, Map.of("faults", workload.faults()));
                }
                case "POST /actions/release-memory" -> json(exchange, 200, Map.of("releasedBytes", workload.releaseMemory()));
                case "POST /actions/restart" -> {
                    workload.restart();
                    json(exchange, 200, Map.of("restarted", true));
                }
                case "GET /admin/config" -> json(exchange, 200, workload.config());
                case "PUT /admin/config" -> replaceConfig(exchange);
                default -> {
                    if (method.equals("POST") && path.startsWith("/faults/")) {
                        inject(exchange, path.substring("/faults/".length()));
                    } else {
                        json(exchange, 404, Map.of("error", method + " " + path + " is not an endpoint of this demo service; GET / lists them"));
                    }
                }
            }
        } catch (RuntimeException e) {
            // A bug here must not take the demo down; say what failed.
            text(exchange, 500, "demo service error: " + e);
        }
    }

    private void inject(HttpExchange exchange, String name) throws IOException {
        Fault fault;
        try {
            fault = Fault.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            json(exchange, 400, Map.of("error", "unknown fault '" + name + "'; one of " + Arrays.stream(Fault.values())
                    .map(f -> f.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList()));
            return;
        }
        workload.inject(fault);
        json(exchange, 202, Map.of("injected", name, "faults", workload.faults()));
    }

    private void replaceConfig(HttpExchange exchange) throws IOException {
        try {
            DemoConfig config = json.readValue(exchange.getRequestBody(), DemoConfig.class);
            workload.applyConfig(config);
            json(exchange, 200, workload.config());
        } catch (JacksonException | IllegalArgumentException e) {
            json(exchange, 400, Map.of("error", "expected {\"cacheMb\": <0..1024>, \"version\": \"...\"}: " + e.getMessage()));
        }
    }

    private void json(HttpExchange exchange, int status, Object body) throws IOException {
        respond(exchange, status, "application/json", json.writeValueAsString(body));
    }

    private static void text(HttpExchange exchange, int status, String body) throws IOException {
        respond(exchange, status, "text/plain; charset=utf-8", body);
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        workload.close();
    }
}
