package io.sentinel.gateway.web;

import io.sentinel.events.approval.Role;

/** @param key the key's plaintext: shown once, never stored */
record NewKeyResponse(String id, String name, Role role, String key) {
}
