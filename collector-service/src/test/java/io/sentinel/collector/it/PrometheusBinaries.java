package io.sentinel.collector.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The real Debian binaries of node_exporter, Prometheus and Alertmanager, each on a free loopback
 * port with its own temporary data directory and generated configuration: node_exporter scraped by
 * Prometheus every second, Prometheus evaluating an always-firing rule every second and sending it
 * to Alertmanager, Alertmanager posting to a webhook with a bearer token. Every process it starts is
 * stopped by {@link #close()}, and by a shutdown hook should the test JVM end first.
 */
final class PrometheusBinaries implements AutoCloseable {

    static final String INSTALL = "apt-get install -y --no-install-recommends prometheus prometheus-node-exporter prometheus-alertmanager";
    private static final Duration READY = Duration.ofSeconds(20);

    private final Path nodeExporterBinary = binary("prometheus-node-exporter");
    private final Path prometheusBinary = binary("prometheus");
    private final Path alertmanagerBinary = binary("prometheus-alertmanager");
    private final Path directory;
    private final int nodeExporterPort = freePort();
    private final int prometheusPort = freePort();
    private final int alertmanagerPort = freePort();
    private final List<Process> started = new ArrayList<>();
    private final Thread reaper = new Thread(this::stopAll, "prometheus-binaries-reaper");
    private Process prometheus;

    private PrometheusBinaries() throws IOException {
        directory = Files.createTempDirectory("sentinel-prometheus-it");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /** Fails, saying how to install them, when the binaries are not there: this test never skips silently. */
    static PrometheusBinaries installed() throws IOException {
        List<String> missing = Stream.of("prometheus-node-exporter", "prometheus", "prometheus-alertmanager")
                .filter(name -> binary(name) == null).toList();
        if (!missing.isEmpty()) {
            throw new AssertionError("missing " + String.join(", ", missing) + " (looked in /usr/bin and PATH); this test runs the real "
                    + "binaries. Install them with: " + INSTALL);
        }
        return new PrometheusBinaries();
    }

    void startNodeExporter() throws IOException {
        start("node-exporter", nodeExporterBinary.toString(), "--web.listen-address=127.0.0.1:" + nodeExporterPort,
                "--collector.disable-defaults", "--collector.cpu", "--collector.meminfo", "--collector.filesystem", "--collector.netdev");
        awaitReady(nodeExporterUrl() + "/metrics");
    }

    /** @param alertLabels extra labels of the always-firing alert, as YAML flow mapping entries */
    void startPrometheus(String alertLabels) throws IOException {
        Files.writeString(directory.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files: [rules.yml]
                alerting:
                  alertmanagers:
                    - static_configs:
                        - targets: ['127.0.0.1:%d']
                scrape_configs:
                  - job_name: node
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(alertmanagerPort, nodeExporterPort));
        Files.writeString(directory.resolve("rules.yml"), """
                groups:
                  - name: sentinel-it
                    rules:
                      - alert: AlwaysFiring
                        expr: vector(1) > 0
                        for: 0s
                        labels: {severity: critical, %s}
                        annotations: {summary: always firing}
                """.formatted(alertLabels));
        restartPrometheus();
    }

    /** Prometheus alone, scraping one endpoint ({@code host:port}, path {@code /metrics}) every second: no rules, no Alertmanager. */
    void startPrometheusScraping(String hostPort) throws IOException {
        Files.writeString(directory.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: kube-state-metrics-and-cadvisor
                    static_configs:
                      - targets: ['%s']
                """.formatted(hostPort));
        restartPrometheus();
    }

    /** Starts Prometheus again with the same configuration and data, on the same port. */
    void restartPrometheus() throws IOException {
        prometheus = start("prometheus", prometheusBinary.toString(), "--config.file=" + directory.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + directory.resolve("prometheus-data"), "--web.listen-address=127.0.0.1:" + prometheusPort,
                // Sent again every second rather than every minute, so that Alertmanager, found a few seconds after start, gets it soon.
                "--rules.alert.resend-delay=1s");
        awaitReady(prometheusUrl() + "/-/ready");
    }

    void stopPrometheus() throws InterruptedException {
        stop(prometheus);
        started.remove(prometheus);
    }

    void startAlertmanager(String webhookUrl, String bearerToken) throws IOException {
        Files.writeString(directory.resolve("alertmanager.yml"), """
                route:
                  receiver: sentinel
                  group_wait: 1s
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: sentinel
                    webhook_configs:
                      - url: %s
                        send_resolved: true
                        http_config:
                          authorization:
                            type: Bearer
                            credentials: %s
                """.formatted(webhookUrl, bearerToken));
        start("alertmanager", alertmanagerBinary.toString(), "--config.file=" + directory.resolve("alertmanager.yml"),
                "--storage.path=" + directory.resolve("alertmanager-data"), "--web.listen-address=127.0.0.1:" + alertmanagerPort,
                "--cluster.listen-address=");
        awaitReady("http://127.0.0.1:" + alertmanagerPort + "/-/ready");
    }

    String nodeExporterUrl() {
        return "http://127.0.0.1:" + nodeExporterPort;
    }

    String nodeExporterInstance() {
        return "127.0.0.1:" + nodeExporterPort;
    }

    String prometheusUrl() {
        return "http://127.0.0.1:" + prometheusPort;
    }

    /** The end of each process' output, for a failing test's message. */
    String logs() {
        StringBuilder logs = new StringBuilder();
        for (String name : List.of("node-exporter", "prometheus", "alertmanager")) {
            Path log = directory.resolve(name + ".log");
            try {
                if (Files.exists(log)) {
                    List<String> lines = Files.readAllLines(log);
                    logs.append("--- ").append(name).append('\n')
                            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()))).append('\n');
                }
            } catch (IOException e) {
                logs.append("--- ").append(name).append(": ").append(e.getMessage()).append('\n');
            }
        }
        return logs.toString();
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException e) {
            // the JVM is shutting down already
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized void stopAll() {
        for (Process process : List.copyOf(started)) {
            try {
                stop(process);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        started.clear();
    }

    private synchronized Process start(String name, String... command) throws IOException {
        Process process = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve(name + ".log").toFile()))
                .start();
        started.add(process);
        return process;
    }

    private static void stop(Process process) throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** Polls until the process answers 200, or names what it last said (and its log) after {@link #READY}. */
    private void awaitReady(String url) {
        AtomicReference<String> last = new AtomicReference<>("no answer");
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            Awaitility.await().atMost(READY).pollInterval(Duration.ofMillis(100)).until(() -> answersOk(client, url, last));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(url + " not ready within " + READY + " (" + last.get() + ")\n" + logs(), e);
        }
    }

    private static boolean answersOk(HttpClient client, String url, AtomicReference<String> last) throws InterruptedException {
        try {
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            last.set("HTTP " + response.statusCode());
            return response.statusCode() == 200;
        } catch (IOException e) {
            last.set(e.toString());
            return false;
        }
    }

    private static Path binary(String name) {
        Path usrBin = Path.of("/usr/bin", name);
        if (Files.isExecutable(usrBin)) {
            return usrBin;
        }
        String path = System.getenv("PATH");
        return path == null ? null : Stream.of(path.split(File.pathSeparator)).map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable).findFirst().orElse(null);
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
