package io.sentinel.executor;

import io.sentinel.playbooks.spring.PlaybookCatalogConfiguration;
import io.sentinel.runtime.inventory.TargetInventoryConfiguration;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

@SpringBootApplication
@ConfigurationPropertiesScan
@Import({PlaybookCatalogConfiguration.class, TargetInventoryConfiguration.class})
public class ExecutorApplication {

    public static void main(String[] args) {
        application().run(args);
    }

    /** Reads {@code executor.yaml}, so that all services can share one classpath in the local launcher. */
    public static SpringApplication application() {
        var application = new SpringApplication(ExecutorApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", "executor"));
        return application;
    }
}
