package io.sentinel.gateway.web;

import io.sentinel.gateway.auth.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorityAuthorizationDecision;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Answers 401, 403, 404 and 429 with problem details that tell the caller what to do. Spring Security
 * acts before Spring MVC, so the answer is handed to MVC's exception resolvers to be rendered exactly
 * like every other API error.
 */
@Component
class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler, BlockedClientHandler {

    static final String MISSING_KEY = "Missing or invalid API key; send Authorization: Bearer <key>";
    static final String TOO_MANY_FAILURES = "Too many refused API keys from your address; "
            + "try again in %d seconds with a valid key";
    static final String TOKEN_REFUSED = "Bearer token refused: ";
    static final String TOKENS_UNCHECKABLE = "Cannot check tokens just now: the identity provider's signing keys could not be fetched; "
            + "try again shortly, or use an API key";
    private static final String ROLE_PREFIX = "ROLE_";
    private static final String ACTUATOR = "/actuator";

    private final HandlerExceptionResolver resolver;

    SecurityProblems(@Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception) throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        render(request, response, ApiProblems.problem(HttpStatus.UNAUTHORIZED, MISSING_KEY, exception));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception) throws IOException {
        String detail = requiredRole(exception)
                .map(required -> "This endpoint needs role " + required + "; " + callerRole())
                .orElse("Nothing is served at " + request.getMethod() + " " + request.getRequestURI());
        render(request, response, ApiProblems.problem(HttpStatus.FORBIDDEN, detail, exception));
    }

    /**
     * What is not served where it was asked for, whoever asks: anything but health, info and metrics
     * on the management port. 404 rather than 401, since no key would make a difference.
     */
    void notServed(HttpServletRequest request, HttpServletResponse response, RuntimeException reason) throws IOException {
        render(request, response, ApiProblems.problem(HttpStatus.NOT_FOUND, nothingServedAt(request), reason));
    }

    /** Anything outside {@code /api} on the public port; actuator's paths with a pointer to where they are. */
    void notServedPublicly(HttpServletRequest request, HttpServletResponse response, RuntimeException reason) throws IOException {
        String detail = request.getRequestURI().startsWith(ACTUATOR)
                ? nothingServedAt(request) + " on this port; health, info and metrics are served on the management port (management.server.port)"
                : nothingServedAt(request);
        render(request, response, ApiProblems.problem(HttpStatus.NOT_FOUND, detail, reason));
    }

    private static String nothingServedAt(HttpServletRequest request) {
        return "Nothing is served at " + request.getMethod() + " " + request.getRequestURI();
    }

    /**
     * A bearer token that single sign-on refused: a bad signature, another issuer or audience, expired,
     * unsigned, or a person with no Sentinel role. Says why, since the token is the caller's own.
     */
    void tokenRefused(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception) throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
        render(request, response, ApiProblems.problem(HttpStatus.UNAUTHORIZED, TOKEN_REFUSED + exception.getMessage(), exception));
    }

    /** The identity provider's keys could not be had (it is down or unreachable): nobody's token can be checked just now. */
    void tokensUncheckable(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception) throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, "30");
        render(request, response, ApiProblems.problem(HttpStatus.SERVICE_UNAVAILABLE, TOKENS_UNCHECKABLE, exception));
    }

    @Override
    public void reject(HttpServletRequest request, HttpServletResponse response, Duration retryAfter) throws IOException {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        render(request, response, ApiProblems.problem(HttpStatus.TOO_MANY_REQUESTS, TOO_MANY_FAILURES.formatted(seconds), null));
    }

    /** The role the denied rule asked for: hasRole(...) rules report the authority they checked. */
    private static Optional<String> requiredRole(AccessDeniedException exception) {
        if (exception instanceof AuthorizationDeniedException denied
                && denied.getAuthorizationResult() instanceof AuthorityAuthorizationDecision decision) {
            return decision.getAuthorities().stream()
                    .map(GrantedAuthority::getAuthority)
                    .filter(authority -> authority != null && authority.startsWith(ROLE_PREFIX))
                    .map(authority -> authority.substring(ROLE_PREFIX.length()))
                    .findFirst();
        }
        return Optional.empty();
    }

    /** "your key has VIEWER", "your token has OPERATOR". */
    private static String callerRole() {
        Authentication authentication = SecurityContextHolder.getContextHolderStrategy().getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof Caller caller
                ? caller.credential() + " has " + caller.role().name()
                : "you have no role";
    }

    private void render(HttpServletRequest request, HttpServletResponse response, ErrorResponseException problem) throws IOException {
        if (resolver.resolveException(request, response, null, problem) == null) {
            response.sendError(problem.getStatusCode().value(), problem.getBody().getDetail());
        }
    }
}
