package io.sentinel.admin.keycloak;

/** What the setup found or did for one item. */
public enum Outcome {

    CREATED("created"),
    ADDED("added"),
    GRANTED("granted"),
    ALREADY_PRESENT("already present");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    /** As printed: the words an operator reads. */
    public String label() {
        return label;
    }

    public boolean changed() {
        return this != ALREADY_PRESENT;
    }
}
