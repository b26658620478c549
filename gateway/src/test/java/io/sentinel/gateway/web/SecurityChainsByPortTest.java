package io.sentinel.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.sentinel.events.approval.Role;
import io.sentinel.gateway.audit.db.AuditTrail;
import io.sentinel.gateway.auth.AuthFailureLimiter;
import io.sentinel.gateway.auth.AuthFailureProperties;
import io.sentinel.gateway.auth.Caller;
import io.sentinel.gateway.auth.Channel;
import io.sentinel.gateway.auth.OidcProperties;
import io.sentinel.gateway.auth.db.ApiKeys;
import jakarta.servlet.Filter;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.junit.jupiter.web.SpringJUnitWebConfig;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

/**
 * The security chains on their own, with a stand-in that answers on actuator's paths wherever it is
 * asked: only the port a request arrived on decides whether actuator may answer. This is what keeps
 * actuator off the public port even where it would be served there (management on the same port).
 */
@SpringJUnitWebConfig(SecurityChainsByPortTest.Slice.class)
@TestPropertySource(properties = {"server.port=8080", "management.server.port=9080"})
class SecurityChainsByPortTest {

    private static final int PUBLIC = 8080;
    private static final int MANAGEMENT = 9080;
    private static final String VIEWER_KEY = "snl_" + "v".repeat(40);

    @Configuration(proxyBeanMethods = false)
    @EnableWebMvc
    @Import({ApiSecurityConfiguration.class, SecurityProblems.class, ServerPorts.class, ApiExceptionHandler.class, MeController.class,
            ActuatorStandIn.class})
    static class Slice {

        /** Knows one viewer key; the database is never there. */
        @Bean
        ApiKeys apiKeys() {
            Jdbi none = Jdbi.create(() -> {
                throw new IllegalStateException("no database in this test");
            });
            return new ApiKeys(none, new AuditTrail(Clock.systemUTC()), Clock.systemUTC()) {
                @Override
                public Optional<Caller> authenticate(String presented) {
                    return VIEWER_KEY.equals(presented) ? Optional.of(new Caller("k1", "viewer", Role.VIEWER, Channel.API_KEY)) : Optional.empty();
                }
            };
        }

        /** Single sign-on off: the chains as most installations run them. */
        @Bean
        SingleSignOn singleSignOn() {
            return new SingleSignOn(new OidcProperties(null, "sentinel", null, "sentinel", Duration.ofSeconds(5)), Clock.systemUTC());
        }

        @Bean
        AuthFailureLimiter authFailureLimiter() {
            return new AuthFailureLimiter(new AuthFailureProperties(10, Duration.ofMinutes(1), Duration.ofMinutes(5), 100), Clock.systemUTC());
        }
    }

    /** Answers like actuator would, on whichever port it is asked. */
    @RestController
    static class ActuatorStandIn {

        @GetMapping({"/actuator/health", "/actuator/prometheus", "/actuator/info", "/actuator/env", "/actuator"})
        String up() {
            return "UP";
        }
    }

    @Autowired
    WebApplicationContext context;

    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).addFilters(context.getBean("springSecurityFilterChain", Filter.class)).build();
    }

    @Test
    void thePublicPortNeverLetsActuatorAnswer() throws Exception {
        for (String path : new String[] {"/actuator/health", "/actuator/prometheus", "/actuator/info", "/actuator/env", "/actuator"}) {
            mvc.perform(get(path).with(port(PUBLIC))).andExpect(status().isNotFound());
            mvc.perform(get(path).with(port(PUBLIC)).header("Authorization", "Bearer " + VIEWER_KEY)).andExpect(status().isNotFound());
        }
        // A header cannot move a request to another port.
        mvc.perform(get("/actuator/health").with(port(PUBLIC)).header("X-Forwarded-Port", MANAGEMENT).header("Host", "x:" + MANAGEMENT))
                .andExpect(status().isNotFound());
    }

    @Test
    void thePublicPortServesTheApiWithKeys() throws Exception {
        mvc.perform(get("/api/me").with(port(PUBLIC)).header("Authorization", "Bearer " + VIEWER_KEY))
                .andExpect(status().isOk()).andExpect(content().string(containsString("\"viewer\"")));
        mvc.perform(get("/api/me").with(port(PUBLIC))).andExpect(status().isUnauthorized());
    }

    @Test
    void theManagementPortServesHealthInfoAndMetricsWithoutAKeyAndNothingElse() throws Exception {
        for (String path : new String[] {"/actuator/health", "/actuator/prometheus", "/actuator/info"}) {
            mvc.perform(get(path).with(port(MANAGEMENT))).andExpect(status().isOk()).andExpect(content().string("UP"));
        }
        mvc.perform(get("/actuator/env").with(port(MANAGEMENT))).andExpect(status().isNotFound());
        mvc.perform(get("/actuator").with(port(MANAGEMENT))).andExpect(status().isNotFound());
        mvc.perform(post("/actuator/health").with(port(MANAGEMENT))).andExpect(status().isNotFound());
        mvc.perform(get("/api/me").with(port(MANAGEMENT)).header("Authorization", "Bearer " + VIEWER_KEY)).andExpect(status().isNotFound());
    }

    @Test
    void aManagementPortThatIsThePublicPortCountsAsPublic() {
        var ports = new ServerPorts(new MockEnvironment().withProperty("server.port", "8080").withProperty("management.server.port", "8080"));
        assertThat(ports.isManagementRequest(requestOn(8080))).isFalse();
        var unset = new ServerPorts(new MockEnvironment().withProperty("server.port", "8080"));
        assertThat(unset.isManagementRequest(requestOn(8080))).isFalse();
        var random = new ServerPorts(new MockEnvironment().withProperty("server.port", "0").withProperty("management.server.port", "0"));
        assertThat(random.isManagementRequest(requestOn(0))).as("not known until the servers have started").isFalse();
        var separate = new ServerPorts(new MockEnvironment().withProperty("server.port", "8080").withProperty("management.server.port", "9080"));
        assertThat(separate.isManagementRequest(requestOn(9080))).isTrue();
        assertThat(separate.isManagementRequest(requestOn(8080))).isFalse();
    }

    private static MockHttpServletRequest requestOn(int port) {
        var request = new MockHttpServletRequest("GET", "/actuator/health");
        request.setLocalPort(port);
        return request;
    }

    private static RequestPostProcessor port(int port) {
        return request -> {
            request.setLocalPort(port);
            request.setServerPort(port);
            return request;
        };
    }
}
