package io.sentinel.analyzer;

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
public class AnalyzerApplication {

    public static void main(String[] args) {
        application().run(args);
    }

    /** Reads {@code analyzer.yaml}, so that all services can share one classpath in the local launcher. */
    public static SpringApplication application() {
        var application = new SpringApplication(AnalyzerApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", "analyzer"));
        return application;
    }
}
