package io.sentinel.gateway.web;

import io.sentinel.gateway.auth.ApiKeyAuthenticator;
import io.sentinel.gateway.auth.ApiKeyHeaders;
import io.sentinel.gateway.auth.AuthFailureLimiter;
import io.sentinel.gateway.auth.BearerTokens;
import io.sentinel.gateway.auth.Caller;
import io.sentinel.gateway.auth.ClientAddress;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request by its API key. A request without a valid key goes on unauthenticated,
 * and the authorization rules answer it (401 wherever a role is needed). A client address that has
 * presented too many refused keys is answered by the {@link BlockedClientHandler} before its key is
 * even read, so a blocked client costs no hashing and no database query. With single sign-on on,
 * a bearer value shaped like a JWT is not an API key: it is left to the token check that follows.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyAuthenticationFilter.class);

    private final ApiKeyAuthenticator apiKeys;
    private final AuthFailureLimiter failures;
    private final BlockedClientHandler blocked;
    private final boolean tokensCheckedElsewhere;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    ApiKeyAuthenticationFilter(ApiKeyAuthenticator apiKeys, AuthFailureLimiter failures, BlockedClientHandler blocked) {
        this(apiKeys, failures, blocked, false);
    }

    /** @param tokensCheckedElsewhere whether JWT-shaped bearer values go to single sign-on's token check rather than here */
    ApiKeyAuthenticationFilter(ApiKeyAuthenticator apiKeys, AuthFailureLimiter failures, BlockedClientHandler blocked,
                               boolean tokensCheckedElsewhere) {
        this.apiKeys = apiKeys;
        this.failures = failures;
        this.blocked = blocked;
        this.tokensCheckedElsewhere = tokensCheckedElsewhere;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ClientAddress client = ClientAddress.of(request.getRemoteAddr());
        Optional<Duration> blockedFor = failures.blockedFor(client);
        if (blockedFor.isPresent()) {
            blocked.reject(request, response, blockedFor.get());
            return;
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        Optional<String> presented = ApiKeyHeaders.presentedKey(authorization, request.getHeader(ApiKeyHeaders.X_API_KEY));
        boolean bearsToken = tokensCheckedElsewhere && ApiKeyHeaders.presentedKey(authorization, null).filter(BearerTokens::jwtShaped).isPresent();
        if (presented.isPresent() && !bearsToken) {
            Optional<Caller> principal = apiKeys.authenticate(presented.get());
            if (principal.isPresent()) {
                var context = contexts.createEmptyContext();
                context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal.get(), null, authorities(principal.get())));
                contexts.setContext(context);
            } else if (failures.recordFailure(client)) {
                log.warn("client blocked after repeated API key failures client={} path={}", client, request.getRequestURI());
            }
        }
        chain.doFilter(request, response);
    }

    /** Authorities for the role and every role it includes, so that {@code hasRole("VIEWER")} admits an ADMIN. */
    static List<GrantedAuthority> authorities(Caller principal) {
        return principal.grantedRoles().stream().<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role.name())).toList();
    }
}
