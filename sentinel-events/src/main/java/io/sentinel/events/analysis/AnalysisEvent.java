package io.sentinel.events.analysis;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.sentinel.events.IncidentScoped;

/** What the analyzer concluded about an incident. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public sealed interface AnalysisEvent extends IncidentScoped permits AnalysisCompleted {
}
