package io.sentinel.gateway.web;

import tools.jackson.databind.JsonNode;

/** @param value the value published; null when the setting was removed */
record SettingAccepted(String name, JsonNode value) {
}
