package io.sentinel.gateway.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;

/** Answers a request from a client address that is blocked for presenting too many refused keys. */
@FunctionalInterface
interface BlockedClientHandler {

    /** @param retryAfter how much longer the address stays blocked */
    void reject(HttpServletRequest request, HttpServletResponse response, Duration retryAfter) throws IOException;
}
