package io.sentinel.executor.template;

/**
 * A template that must not be rendered into a request. The message says why without quoting any
 * value, since a value may be a secret or whatever a sender chose to write.
 */
final class TemplateRefusal extends RuntimeException {

    TemplateRefusal(String message) {
        super(message, null, false, false);
    }
}
