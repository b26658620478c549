package io.sentinel.gateway.web;

import io.sentinel.gateway.auth.ApiKeyHeaders;
import io.sentinel.gateway.auth.AuthFailureLimiter;
import io.sentinel.gateway.auth.BearerTokens;
import io.sentinel.gateway.auth.ClientAddress;
import io.sentinel.gateway.auth.OidcProperties;
import io.sentinel.gateway.auth.TokenIdentity;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestTemplate;

/**
 * The pieces that make the gateway an OAuth2 resource server for the company's identity provider:
 * which bearer values are tokens, how a token is checked, and who a checked token stands for. Off
 * (and none of this is wired) while {@code sentinel.gateway.oidc.issuer-uri} is unset.
 *
 * <p>A token is accepted only if it is signed (RS256) by a key of the issuer's key set, names the
 * configured issuer, names the configured audience, and has an expiry that has not passed (a token
 * without one is refused). The issuer's discovery document and keys are fetched on the first token,
 * not at start-up, so the gateway starts (and API keys work) while the identity provider is down.
 */
@Component
class SingleSignOn {

    private static final Logger log = LoggerFactory.getLogger(SingleSignOn.class);
    /** How far the gateway's and the identity provider's clocks may disagree about expiry. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    private final OidcProperties properties;
    private final Clock clock;

    SingleSignOn(OidcProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        if (properties.enabled()) {
            log.info("single sign-on on issuer={} audience={} clientId={} jwkSetUri={}", properties.issuerUri(), properties.audience(),
                    properties.clientId(), properties.jwkSetUri() == null ? "(from the discovery document)" : properties.jwkSetUri());
        }
    }

    boolean enabled() {
        return properties.enabled();
    }

    /** Only JWT-shaped values in {@code Authorization: Bearer}; an API key in the same header is left to the key check. */
    BearerTokenResolver tokens() {
        return request -> ApiKeyHeaders.presentedKey(request.getHeader(HttpHeaders.AUTHORIZATION), null)
                .filter(BearerTokens::jwtShaped)
                .orElse(null);
    }

    JwtDecoder decoder() {
        var http = new SimpleClientHttpRequestFactory();
        http.setConnectTimeout(properties.timeout());
        http.setReadTimeout(properties.timeout());
        RestTemplate rest = new RestTemplate(http);
        SupplierJwtDecoder lazy = new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = (properties.jwkSetUri() != null
                    ? NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri())
                    : NimbusJwtDecoder.withIssuerLocation(properties.issuerUri()))
                    .restOperations(rest)
                    .build();
            var expiry = new JwtTimestampValidator(CLOCK_SKEW);
            expiry.setAllowEmptyExpiryClaim(false);
            expiry.setClock(clock);
            decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(expiry,
                    new JwtClaimValidator<Object>("exp", Objects::nonNull),
                    new JwtIssuerValidator(properties.issuerUri()),
                    new JwtAudienceValidator(properties.audience())));
            return decoder;
        });
        // The discovery document unreachable is the identity provider's trouble, not the token's:
        // reported as such (503), and tried again with the next token.
        return token -> {
            try {
                return lazy.decode(token);
            } catch (JwtDecoderInitializationException e) {
                throw new JwtException("the identity provider's discovery document could not be read: " + e.getMessage(), e);
            }
        };
    }

    /** A checked token to the person it names, with the authorities of their highest Sentinel role. */
    Converter<Jwt, AbstractAuthenticationToken> people() {
        return jwt -> switch (TokenIdentity.of(jwt.getClaims(), properties.clientId())) {
            case TokenIdentity.Person person -> UsernamePasswordAuthenticationToken.authenticated(person.caller(), null,
                    ApiKeyAuthenticationFilter.authorities(person.caller()));
            case TokenIdentity.Refused refused -> throw new InvalidBearerTokenException(refused.reason());
        };
    }

    /**
     * A refused token counts against the client's address like a refused key does; a token that
     * could not be checked at all (the identity provider unreachable) is nobody's failure.
     */
    AuthenticationFailureHandler failures(AuthFailureLimiter limiter, SecurityProblems problems) {
        return (request, response, exception) -> {
            if (exception instanceof AuthenticationServiceException) {
                log.warn("bearer token could not be checked issuer={} path={}: {}", properties.issuerUri(), request.getRequestURI(),
                        exception.getMessage());
                problems.tokensUncheckable(request, response, exception);
                return;
            }
            ClientAddress client = ClientAddress.of(request.getRemoteAddr());
            if (limiter.recordFailure(client)) {
                log.warn("client blocked after repeated authentication failures client={} path={}", client, request.getRequestURI());
            }
            log.info("bearer token refused client={} path={}: {}", client, request.getRequestURI(), exception.getMessage());
            problems.tokenRefused(request, response, exception);
        };
    }
}
