package io.sentinel.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SentinelServiceDefaultsTest {

    private static final String ENDPOINT = SentinelServiceDefaults.OTLP_TRACES_ENDPOINT;

    @Test
    void exportsNoSpansUnlessAnEndpointIsNamed() {
        assertThat(SentinelServiceDefaults.traceExport(Map.<String, String>of()::get)).isEmpty();
        assertThat(SentinelServiceDefaults.traceExport(Map.of("SENTINEL_OTLP_ENDPOINT", "  ")::get)).isEmpty();
    }

    @Test
    void theCollectorsBaseUrlBecomesItsTracesUrl() {
        assertThat(SentinelServiceDefaults.traceExport(Map.of("SENTINEL_OTLP_ENDPOINT", "http://localhost:4318")::get))
                .containsExactly(Map.entry(ENDPOINT, "http://localhost:4318/v1/traces"));
        assertThat(SentinelServiceDefaults.traceExport(Map.of("SENTINEL_OTLP_ENDPOINT", "http://otel:4318/")::get))
                .containsExactly(Map.entry(ENDPOINT, "http://otel:4318/v1/traces"));
        assertThat(SentinelServiceDefaults.traceExport(Map.of("SENTINEL_OTLP_ENDPOINT", "http://otel:4318/v1/traces")::get))
                .containsExactly(Map.entry(ENDPOINT, "http://otel:4318/v1/traces"));
    }

    @Test
    void springBoot3sPropertyAndBoot4sOwnWinOverTheVariable() {
        assertThat(SentinelServiceDefaults.traceExport(Map.of("management.otlp.tracing.endpoint", "http://old:4318/v1/traces",
                "SENTINEL_OTLP_ENDPOINT", "http://localhost:4318")::get))
                .containsExactly(Map.entry(ENDPOINT, "http://old:4318/v1/traces"));
        assertThat(SentinelServiceDefaults.traceExport(Map.of(ENDPOINT, "http://new:4318/v1/traces",
                "SENTINEL_OTLP_ENDPOINT", "http://localhost:4318")::get)).isEmpty();
    }

    @Test
    void keepsEveryTraceUnlessToldOtherwise() {
        assertThat(SentinelServiceDefaults.defaults()).containsEntry("management.tracing.sampling.probability", "${SENTINEL_TRACE_SAMPLING:1.0}");
    }
}
