package io.sentinel.local.stack;

import io.sentinel.analyzer.AnalyzerApplication;
import io.sentinel.collector.CollectorApplication;
import io.sentinel.detector.DetectorApplication;
import io.sentinel.executor.ExecutorApplication;
import io.sentinel.gateway.GatewayApplication;
import io.sentinel.notifier.NotifierApplication;
import io.sentinel.policy.PolicyApplication;
import java.util.function.Supplier;
import org.springframework.boot.SpringApplication;

/** The seven services, each started as its own Spring application with its own configuration file. */
public enum SentinelService {
    GATEWAY("gateway", 8080, true, GatewayApplication::application),
    COLLECTOR("collector", 8081, false, CollectorApplication::application),
    DETECTOR("detector", 8082, false, DetectorApplication::application),
    ANALYZER("analyzer", 8083, false, AnalyzerApplication::application),
    POLICY("policy", 8084, false, PolicyApplication::application),
    EXECUTOR("executor", 8085, false, ExecutorApplication::application),
    NOTIFIER("notifier", 8086, false, NotifierApplication::application);

    private final String serviceName;
    private final int defaultPort;
    private final boolean securesItsOwnEndpoints;
    private final Supplier<SpringApplication> application;

    SentinelService(String serviceName, int defaultPort, boolean securesItsOwnEndpoints, Supplier<SpringApplication> application) {
        this.serviceName = serviceName;
        this.defaultPort = defaultPort;
        this.securesItsOwnEndpoints = securesItsOwnEndpoints;
        this.application = application;
    }

    /**
     * Whether the service brings Spring Security and its own rules. The others must not pick up
     * Security's defaults from the shared classpath (a generated password, a locked /actuator).
     */
    public boolean securesItsOwnEndpoints() {
        return securesItsOwnEndpoints;
    }

    public String serviceName() {
        return serviceName;
    }

    public int defaultPort() {
        return defaultPort;
    }

    public SpringApplication application() {
        return application.get();
    }
}
