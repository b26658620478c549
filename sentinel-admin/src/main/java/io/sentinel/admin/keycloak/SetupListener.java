package io.sentinel.admin.keycloak;

/** Hears what the setup does, as it does it: what was done is known even when a later item fails. */
public interface SetupListener {

    void itemDone(SetupStep step);

    /**
     * A password was generated for the user just created. It exists nowhere else: whoever hears this
     * must show it, even if the setup fails afterwards.
     */
    void passwordGenerated(String username, Secret password);
}
