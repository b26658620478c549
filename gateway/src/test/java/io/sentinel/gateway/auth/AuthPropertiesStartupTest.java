package io.sentinel.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

/** The bootstrap key is a secret, so a malformed one must stop start-up without the failure report quoting it. */
@ExtendWith(OutputCaptureExtension.class)
class AuthPropertiesStartupTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AuthProperties.class)
    static class AuthOnly {
    }

    @Test
    void aMalformedBootstrapKeyStopsStartUpNamingThePropertyWithoutShowingTheKey(CapturedOutput output) {
        String secret = "snl_SomethingSecretButShort";
        assertThatThrownBy(() -> new SpringApplicationBuilder(AuthOnly.class).web(WebApplicationType.NONE)
                .properties("sentinel.gateway.auth.bootstrap-admin-key=" + secret, "sentinel.service.name=gateway").run())
                .hasStackTraceContaining("sentinel.gateway.auth.bootstrap-admin-key must be 'snl_' followed by exactly 40 letters and digits");
        assertThat(output.getAll())
                .contains("APPLICATION FAILED TO START")
                .contains("sentinel.gateway.auth.bootstrap-admin-key must be 'snl_'")
                .doesNotContain("SomethingSecretButShort");
    }
}
