package io.sentinel.gateway.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request by its API key. A request without a valid key goes on unauthenticated,
 * and the authorization rules answer it (401 wherever a role is needed), so public endpoints stay
 * reachable whatever a client sends.
 */
public final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private final ApiKeys apiKeys;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    public ApiKeyAuthenticationFilter(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ApiKeyHeaders.presentedKey(request.getHeader(HttpHeaders.AUTHORIZATION), request.getHeader(ApiKeyHeaders.X_API_KEY))
                .flatMap(apiKeys::authenticate)
                .ifPresent(principal -> {
                    var context = contexts.createEmptyContext();
                    context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities(principal)));
                    contexts.setContext(context);
                });
        chain.doFilter(request, response);
    }

    /** Authorities for the role and every role it includes, so that {@code hasRole("VIEWER")} admits an ADMIN. */
    static List<GrantedAuthority> authorities(ApiKeyPrincipal principal) {
        return principal.grantedRoles().stream().<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role.name())).toList();
    }
}
