package io.sentinel.collector.web;

import io.sentinel.collector.ingest.IngestTokens;
import io.sentinel.collector.ingest.PresentedToken;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets through to {@code /api/*} only requests carrying a known ingest token. With no token
 * configured at all, ingest is closed (503 naming what to configure), never open. A plain servlet
 * filter: the collector needs no Spring Security, and must not rely on it being there.
 */
final class IngestTokenFilter extends OncePerRequestFilter {

    /** The request attribute holding the name of the token that was presented, for logs. */
    static final String TOKEN_NAME = IngestTokenFilter.class.getName() + ".tokenName";
    static final String MISSING = "missing or unknown ingest token; send Authorization: Bearer <token> (or " + PresentedToken.HEADER + ")";
    static final String CLOSED = "ingest is closed: no ingest token is configured; set sentinel.collector.ingest.tokens[n].{name,token-sha256} "
            + "or the environment variable " + IngestTokens.ENVIRONMENT_VARIABLE;
    private static final Logger log = LoggerFactory.getLogger(IngestTokenFilter.class);

    private final IngestTokens tokens;

    IngestTokenFilter(IngestTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (tokens.none()) {
            ProblemResponses.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, CLOSED);
            return;
        }
        Optional<String> name = PresentedToken.from(request.getHeader(HttpHeaders.AUTHORIZATION), request.getHeader(PresentedToken.HEADER))
                .flatMap(tokens::authenticate);
        if (name.isEmpty()) {
            log.debug("ingest refused: missing or unknown token path={} remote={}", request.getRequestURI(), request.getRemoteAddr());
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"sentinel-ingest\"");
            ProblemResponses.write(request, response, HttpStatus.UNAUTHORIZED, MISSING);
            return;
        }
        request.setAttribute(TOKEN_NAME, name.get());
        chain.doFilter(request, response);
    }
}
