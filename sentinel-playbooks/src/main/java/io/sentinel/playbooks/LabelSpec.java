package io.sentinel.playbooks;

import com.google.re2j.Pattern;

/**
 * A label of the incident that a playbook may use in its templates. Labels are written by whoever
 * sent the signal, so a playbook names each one it uses and bounds its values; any other label is
 * invisible to it.
 *
 * @param pattern a regular expression the whole value must match; matched in linear time (RE2
 *                syntax), since the values come from senders
 */
public record LabelSpec(String description, String pattern) {

    /** Whether the whole value matches the pattern; false for a pattern that does not compile. */
    public boolean accepts(String value) {
        return value != null && Pattern.compile(pattern).matches(value);
    }
}
