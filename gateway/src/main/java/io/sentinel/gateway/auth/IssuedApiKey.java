package io.sentinel.gateway.auth;

/** A key just created: the only moment its secret exists outside the caller's hands. */
public record IssuedApiKey(ApiKey key, ApiKeySecret secret) {
}
