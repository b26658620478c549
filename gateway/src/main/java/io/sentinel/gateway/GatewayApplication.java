package io.sentinel.gateway;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;

/** Callers authenticate with API keys only, so Spring Boot's generated in-memory user (and its logged password) is left out. */
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class GatewayApplication {

    public static void main(String[] args) {
        application().run(args);
    }

    /** Reads {@code gateway.yaml}, so that all services can share one classpath in the local launcher. */
    public static SpringApplication application() {
        var application = new SpringApplication(GatewayApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", "gateway"));
        return application;
    }
}
