package io.sentinel.policy.brake;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class BrakeConfiguration {

    @Bean
    Brakes brakes(BrakeProperties properties) {
        return new Brakes(properties);
    }

    @Bean
    GlobalBrake globalBrake(BrakeProperties properties) {
        return new GlobalBrake(properties);
    }
}
