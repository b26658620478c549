package io.sentinel.playbooks;

/**
 * @param pattern a regular expression the whole value must match; keeps proposals (a model's
 *                included) from smuggling anything into a URL or body
 */
public record ParameterSpec(String description, boolean required, String pattern, String defaultValue) {
}
