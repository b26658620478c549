package io.sentinel.gateway.silences;

import io.sentinel.events.settings.SettingContracts;
import io.sentinel.events.settings.SettingJson;
import io.sentinel.events.settings.detector.SilenceSetting;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The value of {@code detector.silences} as the silences API edits it: a JSON array of silences. An
 * edit changes the silence it adds or expires and drops silences that ended long ago; every other
 * element stays exactly as it was, whoever wrote it. What is published must pass the setting's
 * contract ({@link #checked}), as the detector reads it. Immutable and pure.
 */
public final class SilenceList {

    private final List<JsonNode> elements;

    private SilenceList(List<JsonNode> elements) {
        this.elements = List.copyOf(elements);
    }

    /** @param value the setting's current value; empty when it has none (the detector then uses its configured silences) */
    public static SilenceList of(Optional<JsonNode> value) {
        if (value.isEmpty()) {
            return new SilenceList(List.of());
        }
        if (!value.get().isArray()) {
            throw new SilenceConflictException(Silences.SETTING + " is not a JSON array, so the detector ignores it; correct it with "
                    + "PUT /api/settings/" + Silences.SETTING + " (or remove it) before adding or expiring silences");
        }
        return new SilenceList(value.get().values().stream().toList());
    }

    /** The silences, in the setting's order; elements without an id are not silences the detector applies and are left out. */
    public List<Silence> silences() {
        return elements.stream().flatMap(element -> Silence.fromSetting(element).stream()).toList();
    }

    public boolean contains(String id) {
        return silences().stream().anyMatch(silence -> silence.id().equals(id));
    }

    /**
     * With {@code silence} appended, written by the setting's contract, and without silences that ended
     * more than {@code keepExpired} before {@code now}.
     */
    public SilenceList with(SilenceSetting silence, Instant now, Duration keepExpired) {
        List<JsonNode> next = new ArrayList<>(pruned(now, keepExpired));
        next.add(SettingJson.tree(silence));
        return new SilenceList(next);
    }

    /**
     * Whether the detector applies this list as it is: every element must be a silence by the setting's
     * contract, or the detector ignores the whole value (keeping the silences it had).
     *
     * @throws SilenceConflictException saying which element is wrong and how to get out
     */
    public SilenceList checked() {
        try {
            SettingContracts.SILENCES.read(Silences.SETTING.value(), toJson());
            return this;
        } catch (IllegalArgumentException e) {
            throw new SilenceConflictException(e.getMessage() + "; the detector would ignore the whole list. Correct it with PUT "
                    + "/api/settings/" + Silences.SETTING + " (or remove it) before adding or expiring silences");
        }
    }

    /**
     * Ends the silence with this id at {@code now}. One that has ended already stays as it is; one
     * that has not started yet never applied, so it is taken out. Empty if there is no such silence.
     */
    public Optional<Expiry> expire(String id, Instant now, Duration keepExpired) {
        List<JsonNode> next = new ArrayList<>(pruned(now, keepExpired));
        for (int i = 0; i < next.size(); i++) {
            Optional<Silence> found = Silence.fromSetting(next.get(i)).filter(silence -> silence.id().equals(id));
            if (found.isEmpty()) {
                continue;
            }
            Silence silence = found.get();
            if (silence.endsAt() != null && !silence.endsAt().isAfter(now)) {
                return Optional.of(new Expiry(this, silence, false));
            }
            if (silence.startsAt() != null && !now.isAfter(silence.startsAt())) {
                // ends-at = now would end it before it starts, which the detector refuses for the whole list.
                next.remove(i);
                return Optional.of(new Expiry(new SilenceList(next), silence.endingAt(silence.startsAt()), true));
            }
            ObjectNode ended = ((ObjectNode) next.get(i)).deepCopy();
            ended.put("ends-at", now.toString());
            next.set(i, ended);
            return Optional.of(new Expiry(new SilenceList(next), silence.endingAt(now), true));
        }
        return Optional.empty();
    }

    public ArrayNode toJson() {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        elements.forEach(element -> array.add(element.deepCopy()));
        return array;
    }

    /** Keeps everything whose end cannot be read: the API does not drop what it does not understand. */
    private List<JsonNode> pruned(Instant now, Duration keepExpired) {
        Instant horizon = now.minus(keepExpired);
        return elements.stream()
                .filter(element -> !element.isObject() || Silence.instant(element.path("ends-at")) == null
                        || !Silence.instant(element.path("ends-at")).isBefore(horizon))
                .toList();
    }

    /**
     * @param list    the list after the expiry
     * @param silence the silence as it now stands
     * @param changed false if it had ended already, and there is nothing to publish
     */
    public record Expiry(SilenceList list, Silence silence, boolean changed) {
    }
}
