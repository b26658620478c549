package io.sentinel.local.inbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A webhook receiver for the local stack: what a team's own endpoint would be. It verifies every
 * notification's signature and replay window before believing it, then prints it.
 */
public final class WebhookInbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebhookInbox.class);

    private final HttpServer server;
    private final SignatureCheck signatures;
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();

    private WebhookInbox(HttpServer server, SignatureCheck signatures) {
        this.server = server;
        this.signatures = signatures;
    }

    public static WebhookInbox start(int port, String secret) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            var inbox = new WebhookInbox(server, new SignatureCheck(secret));
            server.createContext("/webhook", inbox::receive);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return inbox;
        } catch (IOException e) {
            throw new UncheckedIOException("webhook inbox cannot listen on port " + port, e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhook";
    }

    /** Notifications whose signature verified, in arrival order. */
    public List<JsonNode> received() {
        return List.copyOf(received);
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            var verdict = signatures.verify(exchange.getRequestHeaders().getFirst("X-Sentinel-Signature"), body);
            if (!verdict.valid()) {
                log.warn("rejected a webhook: {}", verdict.reason());
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            JsonNode notification = json.readTree(body);
            received.add(notification);
            log.info("notification {} | {} | {}", notification.path("kind").asString(), notification.path("title").asString(),
                    describe(notification));
            exchange.sendResponseHeaders(204, -1);
        }
    }

    private static String describe(JsonNode notification) {
        return switch (notification.path("kind").asString()) {
            case "approval.requested" -> "approve with: POST /api/approvals/" + notification.path("approvalId").asString()
                    + " (needs " + notification.path("requiredRole").asString() + ")";
            case "incident.resolved" -> notification.path("resolution").asString() + ": " + notification.path("summary").asString();
            case "incident.escalated" -> notification.path("reason").asString();
            default -> notification.path("severity").asString() + " on " + notification.path("resource").asString();
        };
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
