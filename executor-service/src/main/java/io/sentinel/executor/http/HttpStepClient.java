package io.sentinel.executor.http;

import io.sentinel.executor.secrets.SecretMasker;
import io.sentinel.executor.secrets.SecretStore;
import io.sentinel.executor.step.StepKind;
import io.sentinel.executor.step.StepOutcome;
import io.sentinel.executor.template.RenderedRequest;
import io.sentinel.executor.template.RequestRenderer.RequestRendering;
import io.sentinel.executor.template.RequestRenderer;
import io.sentinel.executor.template.TemplateVariables;
import io.sentinel.playbooks.HttpRequestSpec;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a playbook's HTTP request: renders it (every value encoded for where it stands), refuses a
 * host and port outside the allowlist, resolves the host once and refuses it if any of its addresses
 * is special-purpose (loopback, private, link-local...) and not in an allowed network, then sends it
 * to exactly those addresses within the step's deadline and judges the status by the step's
 * expectations. Every text that leaves here (details, log lines) has secret values masked; headers
 * and bodies are never logged. The {@code http} kind of step.
 *
 * <p>A failure is retryable when the same request may get through later: a 5xx, 408 or 429 answer,
 * the deadline passing, a connection failure, a host that did not resolve. It is not when the answer
 * or the executor's own rules would be the same: any other unexpected status, a refusal (allowlist,
 * address, template), an answer larger than the limit.
 */
public final class HttpStepClient implements StepKind<HttpRequestSpec> {

    private static final Logger log = LoggerFactory.getLogger(HttpStepClient.class);

    private final HostAllowlist allowlist;
    private final AddressPolicy addresses;
    private final HostResolver resolver;
    private final StepTransport transport;
    private final SecretStore secrets;

    public HttpStepClient(HttpStepProperties properties, HostResolver resolver, StepTransport transport, SecretStore secrets) {
        this.allowlist = new HostAllowlist(properties.allowedHosts());
        this.addresses = new AddressPolicy(properties.allowedNetworks());
        this.resolver = resolver;
        this.transport = transport;
        this.secrets = secrets;
    }

    @Override
    public String name() {
        return HttpRequestSpec.KIND;
    }

    @Override
    public Class<HttpRequestSpec> actionType() {
        return HttpRequestSpec.class;
    }

    @Override
    public StepOutcome run(HttpRequestSpec spec, TemplateVariables variables) {
        SecretMasker masker = secrets.masker();
        try {
            RequestRendering rendering = RequestRenderer.render(spec, variables);
            if (rendering instanceof RequestRendering.Refused refused) {
                return refuse(spec, "cannot render the request: " + refused.reason(), masker);
            }
            RenderedRequest request = ((RequestRendering.Ready) rendering).request();
            Optional<String> destinationProblem = destinationProblem(request.url());
            if (destinationProblem.isPresent()) {
                return refuse(spec, destinationProblem.get(), masker);
            }
            long started = System.nanoTime();
            Resolution resolution = resolve(request.url().getHost(), spec.timeout());
            if (resolution.refusal() != null) {
                return resolution.retryable()
                        ? unresolved(spec, resolution.refusal(), masker, (System.nanoTime() - started) / 1_000_000)
                        : refuse(spec, resolution.refusal(), masker);
            }
            return send(spec, request, resolution.addresses(), started, masker);
        } catch (RuntimeException e) {
            String reason = masker.mask("the step could not be run: " + e);
            log.warn("http step failed method={} reason=\"{}\"", spec.method(), reason);
            return StepOutcome.refused(reason);
        }
    }

    private Optional<String> destinationProblem(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("only http and https URLs can be called, not '" + scheme + "'");
        }
        if (url.getHost() == null) {
            return Optional.of("the URL names no host");
        }
        if (url.getRawUserInfo() != null) {
            return Optional.of("the URL carries credentials; put {{secrets.<name>}} in a header instead");
        }
        return allowlist.refusal(url.getHost(), port(url));
    }

    /**
     * Resolves the host once, within the step's timeout; refuses it if any address it resolves to is
     * one steps may not call.
     */
    private Resolution resolve(String host, Duration timeout) {
        List<InetAddress> resolved;
        Optional<InetAddress> literal = IpLiterals.parse(host);
        if (literal.isPresent()) {
            resolved = List.of(literal.get());
        } else {
            FutureTask<List<InetAddress>> lookup = new FutureTask<>(() -> resolver.resolve(host));
            Thread.ofVirtual().name("resolve-" + host).start(lookup);
            try {
                resolved = List.copyOf(lookup.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
            } catch (ExecutionException e) {
                return Resolution.unresolved("host " + host + " does not resolve");
            } catch (TimeoutException e) {
                lookup.cancel(true);
                return Resolution.unresolved("host " + host + " did not resolve within the step's timeout of " + timeout.toMillis() + " ms");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Resolution.refused("interrupted while resolving host " + host);
            }
        }
        if (resolved.isEmpty()) {
            return Resolution.unresolved("host " + host + " does not resolve");
        }
        for (InetAddress address : resolved) {
            Optional<String> refusal = addresses.refusal(address);
            if (refusal.isPresent()) {
                return Resolution.refused("host " + host + " resolves to " + refusal.get());
            }
        }
        return new Resolution(resolved, null, false);
    }

    /** @param started when the step's deadline started running: resolving the host counts against it */
    private StepOutcome send(HttpRequestSpec spec, RenderedRequest request, List<InetAddress> pinned, long started, SecretMasker masker) {
        URI url = request.url();
        String hostAndPort = url.getHost() + ":" + port(url);
        String path = masker.mask(url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath());
        String target = spec.method() + " " + url.getScheme() + "://" + hostAndPort + path;
        Duration left = spec.timeout().minusNanos(System.nanoTime() - started);
        TransportResult result = left.isNegative() || left.isZero() ? TransportResult.Failed.atDeadline()
                : transport.send(request, url.getHost(), pinned, left);
        long millis = (System.nanoTime() - started) / 1_000_000;
        return switch (result) {
            case TransportResult.Answered answered -> {
                boolean succeeded = spec.succeeded(answered.status());
                boolean retryable = !succeeded && HttpStatuses.retryable(answered.status());
                log.info("http step method={} host={} path={} status={} durationMs={} succeeded={} retryable={}", spec.method(), hostAndPort,
                        path, answered.status(), millis, succeeded, retryable);
                String detail = target + " -> " + answered.status() + " in " + millis + " ms"
                        + (succeeded ? "" : " (expected " + (spec.expectStatus().isEmpty() ? "2xx" : spec.expectStatus()) + ")");
                yield succeeded ? StepOutcome.succeeded(masker.mask(detail), millis, answered.body())
                        : StepOutcome.failed(masker.mask(detail), millis, retryable, answered.body());
            }
            case TransportResult.Failed failed -> {
                String reason = masker.mask(failed.deadlinePassed()
                        ? "no complete response within the step's timeout of " + spec.timeout().toMillis()
                        + " ms (it covers resolving, connecting, the headers and the whole body)"
                        : failed.reason());
                log.warn("http step failed method={} host={} path={} durationMs={} retryable={} reason=\"{}\"", spec.method(), hostAndPort,
                        path, millis, failed.retryable(), reason);
                yield StepOutcome.failed(target + " failed after " + millis + " ms: " + reason, millis, failed.retryable(), null);
            }
        };
    }

    /** The host did not resolve (in time): DNS may answer when asked again. Nothing was sent. */
    private static StepOutcome unresolved(HttpRequestSpec spec, String reason, SecretMasker masker, long millis) {
        String masked = masker.mask(reason);
        log.warn("http step failed method={} retryable=true reason=\"{}\"", spec.method(), masked);
        return StepOutcome.failed(masked, millis, true, null);
    }

    private static StepOutcome refuse(HttpRequestSpec spec, String reason, SecretMasker masker) {
        String masked = masker.mask(reason);
        log.warn("http step refused method={} reason=\"{}\"", spec.method(), masked);
        return StepOutcome.refused(masked);
    }

    private static int port(URI url) {
        return url.getPort() != -1 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }

    /** @param retryable whether the refusal may not hold next time (the name did not resolve, rather than resolving somewhere forbidden) */
    private record Resolution(List<InetAddress> addresses, String refusal, boolean retryable) {
        static Resolution refused(String reason) {
            return new Resolution(List.of(), reason, false);
        }

        static Resolution unresolved(String reason) {
            return new Resolution(List.of(), reason, true);
        }
    }
}
