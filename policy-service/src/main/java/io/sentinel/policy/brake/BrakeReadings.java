package io.sentinel.policy.brake;

/**
 * What the brakes judge by, read in the transaction that decides.
 *
 * @param globalEngaged    the global brake is engaged (and not released)
 * @param autoForTarget    automatic actions on the proposal's target within the window
 * @param autoInSystem     automatic actions on every target within the window
 */
public record BrakeReadings(boolean globalEngaged, int autoForTarget, int autoInSystem) {

    public static final BrakeReadings RELEASED = new BrakeReadings(false, 0, 0);
}
