package io.sentinel.gateway.web;

import io.sentinel.gateway.auth.Caller;
import io.sentinel.gateway.settings.Setting;
import io.sentinel.gateway.settings.SettingName;
import io.sentinel.gateway.settings.SettingValue;
import io.sentinel.gateway.settings.SettingsAdministration;
import io.sentinel.gateway.settings.SettingsProjection;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Runtime settings on {@code sentinel.config.v1}. Reads show the settings as the services read them
 * from the topic, so a change appears here once it has gone round (milliseconds); writes answer 202
 * because the owning service applies (or, if the value does not fit, ignores) the change on its own.
 */
@RestController
@RequestMapping("/api/settings")
class SettingsController {

    private final SettingsProjection settings;
    private final SettingsAdministration administration;

    SettingsController(SettingsProjection settings, SettingsAdministration administration) {
        this.settings = settings;
        this.administration = administration;
    }

    @GetMapping
    List<Setting> list() {
        return settings.current();
    }

    @GetMapping("/{name}")
    Setting get(@PathVariable String name) {
        return settings.find(name).orElseThrow(() -> ApiProblems.notFound("No setting " + name + "; GET /api/settings lists those that are set"));
    }

    /** The body is the value itself, read as raw bytes so that an oversized one is refused without being read in full. */
    @PutMapping(path = "/{name}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SettingAccepted> put(@PathVariable String name, InputStream body, @AuthenticationPrincipal Caller caller) {
        SettingName setting = new SettingName(name);
        JsonNode value = SettingValue.parse(readAtMost(body, SettingValue.MAX_BYTES + 1));
        Setting changed = administration.change(setting, value, caller);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new SettingAccepted(changed.name(), changed.value()));
    }

    /** Back to the owning service's configured default. */
    @DeleteMapping("/{name}")
    ResponseEntity<SettingAccepted> delete(@PathVariable String name, @AuthenticationPrincipal Caller caller) {
        SettingName setting = new SettingName(name);
        administration.remove(setting, caller).orElseThrow(() -> ApiProblems.notFound("No setting " + name));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new SettingAccepted(name, null));
    }

    private static byte[] readAtMost(InputStream body, int limit) {
        try {
            return body.readNBytes(limit);
        } catch (IOException e) {
            throw ApiProblems.problem(HttpStatus.BAD_REQUEST, "request body could not be read: " + e.getMessage(), e);
        }
    }
}
