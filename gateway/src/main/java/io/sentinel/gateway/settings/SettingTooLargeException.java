package io.sentinel.gateway.settings;

/** A setting value over {@link SettingValue#MAX_BYTES}: every instance of every service keeps every setting in memory. */
public class SettingTooLargeException extends InvalidSettingException {

    public SettingTooLargeException(String message) {
        super(message);
    }
}
