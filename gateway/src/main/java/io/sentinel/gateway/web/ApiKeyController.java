package io.sentinel.gateway.web;

import io.sentinel.gateway.auth.ApiKey;
import io.sentinel.gateway.auth.Caller;
import io.sentinel.gateway.auth.IssuedApiKey;
import io.sentinel.gateway.auth.db.ApiKeys;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/keys")
class ApiKeyController {

    private final ApiKeys apiKeys;

    ApiKeyController(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    /** The response is the only place the key's plaintext ever appears. */
    @PostMapping
    ResponseEntity<NewKeyResponse> create(@RequestBody(required = false) NewKeyRequest body, @AuthenticationPrincipal Caller caller) {
        if (body == null) {
            throw ApiProblems.badRequest("request body is required: {\"name\": \"...\", \"role\": \"VIEWER\" | \"OPERATOR\" | \"ADMIN\"}");
        }
        IssuedApiKey issued = apiKeys.issue(body.validName(), body.validRole(), caller);
        ApiKey key = issued.key();
        return ResponseEntity.status(HttpStatus.CREATED).body(new NewKeyResponse(key.id(), key.name(), key.role(), issued.secret().value()));
    }

    @GetMapping
    List<ApiKey> list() {
        return apiKeys.list();
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(@PathVariable String id, @AuthenticationPrincipal Caller caller) {
        apiKeys.revoke(id, caller).orElseThrow(() -> ApiProblems.notFound("No API key " + id));
        return ResponseEntity.noContent().build();
    }
}
