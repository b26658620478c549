package io.sentinel.executor.http;

import io.sentinel.executor.template.RenderedRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.BasicHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.config.Lookup;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends one rendered request with Apache HttpClient, connecting only to the addresses checked for it
 * (see {@link PinnedDnsResolver}). Each call has a connection of its own, so nothing from one step
 * (a pooled connection, a cookie, a cached credential) carries into another. Redirects are never
 * followed, nothing is retried, responses are not decompressed. The step's timeout is a deadline for
 * the whole exchange: when it passes, the connection is closed wherever the exchange stands, be it
 * connecting, waiting for headers or reading a body that trickles in. A body larger than the limit is
 * not read further.
 */
public final class StepTransport implements AutoCloseable {

    private final Duration connectTimeout;
    private final long maxResponseBytes;
    private final ScheduledExecutorService deadlines;
    private final Lookup<TlsSocketStrategy> tls;
    private final ManagedHttpClientConnectionFactory connections;

    public StepTransport(Duration connectTimeout, long maxResponseBytes) {
        this.connectTimeout = connectTimeout;
        this.maxResponseBytes = maxResponseBytes;
        var scheduler = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon().name("step-deadlines").factory());
        scheduler.setRemoveOnCancelPolicy(true);
        this.deadlines = scheduler;
        this.tls = RegistryBuilder.<TlsSocketStrategy>create().register("https", DefaultClientTlsStrategy.createSystemDefault()).build();
        this.connections = ManagedHttpClientConnectionFactory.builder()
                .http1Config(Http1Config.custom().setMaxLineLength(16 * 1024).setMaxHeaderCount(200).build())
                .build();
    }

    /**
     * @param host    the URL's host, which the pinned addresses were resolved from
     * @param pinned  the checked addresses: the only ones connected to
     * @param timeout the deadline of the whole exchange
     */
    TransportResult send(RenderedRequest request, String host, List<InetAddress> pinned, Duration timeout) {
        BasicHttpClientConnectionManager connection = BasicHttpClientConnectionManager.create(DefaultSchemePortResolver.INSTANCE,
                new PinnedDnsResolver(host, pinned), tls, connections);
        connection.setConnectionConfig(ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(connectTimeout.compareTo(timeout) < 0 ? connectTimeout : timeout))
                .setSocketTimeout(Timeout.of(timeout))
                .build());
        CloseableHttpClient client = HttpClients.custom()
                .setConnectionManager(connection)
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(timeout)).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableContentCompression()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("sentinel-executor")
                .build();
        HttpUriRequestBase http = new HttpUriRequestBase(request.method(), request.url());
        request.headers().forEach(http::addHeader);
        if (request.body() != null) {
            // No content type here: the step's own Content-Type header says what the body is.
            http.setEntity(new ByteArrayEntity(request.body().getBytes(StandardCharsets.UTF_8), null));
        }
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> deadline = deadlines.schedule(() -> {
            expired.set(true);
            http.cancel();
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        try {
            ClassicHttpResponse response = client.executeOpen(null, http, HttpClientContext.create());
            byte[] body = BoundedBody.read(response.getEntity(), maxResponseBytes);
            return new TransportResult.Answered(response.getCode(), new String(body, charsetOf(response.getEntity())));
        } catch (BoundedBody.TooLarge e) {
            return TransportResult.Failed.permanently("the response body is larger than " + maxResponseBytes
                    + " bytes (sentinel.executor.http.max-response-bytes); it was not read further");
        } catch (IOException | RuntimeException e) {
            if (expired.get()) {
                return TransportResult.Failed.atDeadline();
            }
            String reason = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            return e instanceof IOException ? TransportResult.Failed.connection(reason) : TransportResult.Failed.permanently(reason);
        } finally {
            deadline.cancel(false);
            // Aborting rather than closing: closing would read (drain) whatever is left of the body.
            http.cancel();
            client.close(CloseMode.IMMEDIATE);
        }
    }

    private static Charset charsetOf(HttpEntity entity) {
        try {
            ContentType type = entity == null ? null : ContentType.parseLenient(entity.getContentType());
            return type == null || type.getCharset() == null ? StandardCharsets.UTF_8 : type.getCharset();
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }

    @Override
    public void close() {
        deadlines.shutdownNow();
    }
}
