package io.sentinel.events.incident;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.sentinel.events.IncidentScoped;

/** The life of an incident as the detector sees it. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public sealed interface IncidentEvent extends IncidentScoped
        permits IncidentOpened, IncidentUpdated, ConditionCleared, IncidentResolved, IncidentEscalated {
}
