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
    GATEWAY("gateway", 8080, GatewayApplication::application),
    COLLECTOR("collector", 8081, CollectorApplication::application),
    DETECTOR("detector", 8082, DetectorApplication::application),
    ANALYZER("analyzer", 8083, AnalyzerApplication::application),
    POLICY("policy", 8084, PolicyApplication::application),
    EXECUTOR("executor", 8085, ExecutorApplication::application),
    NOTIFIER("notifier", 8086, NotifierApplication::application);

    private final String serviceName;
    private final int defaultPort;
    private final Supplier<SpringApplication> application;

    SentinelService(String serviceName, int defaultPort, Supplier<SpringApplication> application) {
        this.serviceName = serviceName;
        this.defaultPort = defaultPort;
        this.application = application;
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
