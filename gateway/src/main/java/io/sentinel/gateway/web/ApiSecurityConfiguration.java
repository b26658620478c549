package io.sentinel.gateway.web;

import io.sentinel.events.approval.Role;
import io.sentinel.gateway.auth.AuthFailureLimiter;
import io.sentinel.gateway.auth.db.ApiKeys;
import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Who may call what, on which port. Three chains, tried in order:
 * <ol>
 *     <li>the management port ({@code management.server.port}, loopback by default, behind a
 *     NetworkPolicy in Kubernetes): health, info and Prometheus metrics, without a key, and nothing
 *     else;</li>
 *     <li>the API ({@code /api/**} on the public port): every endpoint names the role it needs here,
 *     in one table, and whatever the table does not name is denied;</li>
 *     <li>everything else on the public port, actuator's paths included: 404.</li>
 * </ol>
 * A caller on the API presents an API key or, with single sign-on on ({@link SingleSignOn}), a JWT
 * of the company's identity provider; Slack's requests carry Slack's signature instead, checked by
 * their controller. Role inclusion (ADMIN ⊇ OPERATOR ⊇ VIEWER) is in the authorities a caller is
 * granted, see {@link ApiKeyAuthenticationFilter#authorities}.
 */
@Configuration
@EnableWebSecurity
class ApiSecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain management(HttpSecurity http, ServerPorts ports, SecurityProblems problems) throws Exception {
        return stateless(http)
                .securityMatcher(ports::isManagementRequest)
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems::notServed).accessDeniedHandler(problems::notServed))
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus")
                        .permitAll()
                        .anyRequest().denyAll())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, ApiKeys apiKeys, AuthFailureLimiter failures, SecurityProblems problems, SingleSignOn sso)
            throws Exception {
        stateless(http)
                .securityMatcher("/api/**")
                // Before the token check, so that a blocked client is answered before its token is looked at too.
                .addFilterBefore(new ApiKeyAuthenticationFilter(apiKeys, failures, problems, sso.enabled()), BearerTokenAuthenticationFilter.class)
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        if (sso.enabled()) {
            AuthenticationFailureHandler tokenFailures = sso.failures(failures, problems);
            http.oauth2ResourceServer(tokens -> tokens
                    .bearerTokenResolver(sso.tokens())
                    .jwt(jwt -> jwt.decoder(sso.decoder()).jwtAuthenticationConverter(sso.people()))
                    .authenticationEntryPoint(problems::tokenRefused)
                    .accessDeniedHandler(problems)
                    .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                        @Override
                        public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                            filter.setAuthenticationFailureHandler(tokenFailures);
                            return filter;
                        }
                    }));
        }
        return http
                .authorizeHttpRequests(requests -> requests
                        // Rendering an error of a request that was already authorized needs no second decision, and
                        // neither does finishing a response that streams (an answer to POST /api/ask).
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/incidents", "/api/incidents/*", "/api/me").hasRole(Role.VIEWER.name())
                        .requestMatchers(HttpMethod.GET, "/api/settings", "/api/settings/*", "/api/silences").hasRole(Role.VIEWER.name())
                        .requestMatchers(HttpMethod.POST, "/api/ask").hasRole(Role.VIEWER.name())
                        .requestMatchers(HttpMethod.POST, "/api/approvals/*").hasRole(Role.OPERATOR.name())
                        // Slack signs its requests; the controller checks the signature and maps the Slack user to a person.
                        .requestMatchers(HttpMethod.POST, "/api/slack/interactions").permitAll()
                        // Silencing is what the person on call does at 3 a.m.; every other setting needs an admin.
                        .requestMatchers(HttpMethod.POST, "/api/silences").hasRole(Role.OPERATOR.name())
                        .requestMatchers(HttpMethod.DELETE, "/api/silences/*").hasRole(Role.OPERATOR.name())
                        .requestMatchers(HttpMethod.PUT, "/api/settings/*").hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.DELETE, "/api/settings/*").hasRole(Role.ADMIN.name())
                        .requestMatchers("/api/keys", "/api/keys/*").hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.GET, "/api/identities").hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.POST, "/api/identities").hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.DELETE, "/api/identities/*/*").hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.POST, "/api/brake/release").hasRole(Role.ADMIN.name())
                        .anyRequest().denyAll())
                .build();
    }

    /** Never actuator on the public port, even if management.server.port were set to the public port itself. */
    @Bean
    @Order(3)
    SecurityFilterChain elsewhere(HttpSecurity http, SecurityProblems problems) throws Exception {
        return stateless(http)
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems::notServedPublicly)
                        .accessDeniedHandler(problems::notServedPublicly))
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .anyRequest().denyAll())
                .build();
    }

    private static HttpSecurity stateless(HttpSecurity http) throws Exception {
        return http
                // Keys travel in a header, never in a cookie, so a cross-site request carries no credentials to forge with.
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable);
    }
}
