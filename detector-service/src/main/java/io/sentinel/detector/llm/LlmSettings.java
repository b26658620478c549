package io.sentinel.detector.llm;

import io.sentinel.events.settings.SettingContracts;
import io.sentinel.events.settings.detector.LlmSetting;
import io.sentinel.runtime.settings.RuntimeOverlay;
import io.sentinel.runtime.settings.SettingsView;
import org.springframework.stereotype.Component;

/**
 * The LLM rules' effective settings: {@code sentinel.detector.llm} as configured, with each runtime
 * setting {@code detector.llm.<rule>.<property>} (e.g. {@code detector.llm.error-cascade.min-traces = 50})
 * or {@code detector.llm.tool-schemas} replacing that one value while it exists
 * ({@link RuntimeOverlay#perProperty}). A setting that does not fit is ignored with a warning naming it;
 * the others still apply.
 */
@Component
public final class LlmSettings {

    private final SettingsView<LlmSetting> effective;

    public LlmSettings(LlmSetting configured, RuntimeOverlay overlay) {
        this.effective = overlay.perProperty(SettingContracts.LLM, configured);
    }

    public LlmSetting current() {
        return effective.get();
    }
}
