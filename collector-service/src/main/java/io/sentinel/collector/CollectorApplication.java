package io.sentinel.collector;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CollectorApplication {

    public static void main(String[] args) {
        application().run(args);
    }

    /** Reads {@code collector.yaml}, so that all services can share one classpath in the local launcher. */
    public static SpringApplication application() {
        var application = new SpringApplication(CollectorApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", "collector"));
        return application;
    }
}
