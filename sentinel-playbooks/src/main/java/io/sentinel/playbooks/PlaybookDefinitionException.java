package io.sentinel.playbooks;

/** A playbook file that cannot be used; the message names the file and what is wrong. */
public final class PlaybookDefinitionException extends RuntimeException {

    public PlaybookDefinitionException(String message) {
        super(message);
    }

    public PlaybookDefinitionException(String message, Throwable cause) {
        super(message, cause);
    }
}
