package io.sentinel.policy;

import io.sentinel.runtime.inventory.TargetInventoryConfiguration;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

@SpringBootApplication
@ConfigurationPropertiesScan
@Import(TargetInventoryConfiguration.class)
public class PolicyApplication {

    public static void main(String[] args) {
        application().run(args);
    }

    /** Reads {@code policy.yaml}, so that all services can share one classpath in the local launcher. */
    public static SpringApplication application() {
        var application = new SpringApplication(PolicyApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", "policy"));
        return application;
    }
}
