package io.sentinel.detector.novelty;

import io.sentinel.detector.limits.KeyFamily;
import io.sentinel.detector.limits.KeyLimits;
import io.sentinel.detector.rule.DetectionContext;
import io.sentinel.detector.rule.DetectionRule;
import io.sentinel.detector.rule.Finding;
import io.sentinel.detector.rule.Fingerprint;
import io.sentinel.detector.rule.ScheduledRule;
import io.sentinel.events.incident.Observation;
import io.sentinel.events.incident.Severity;
import io.sentinel.events.signal.LogBatch;
import io.sentinel.events.signal.LogEntry;
import io.sentinel.events.signal.SignalEvent;
import io.sentinel.events.settings.SettingContracts;
import io.sentinel.events.settings.detector.NoveltySetting;
import io.sentinel.runtime.settings.RuntimeOverlay;
import io.sentinel.runtime.settings.SettingsView;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Rule {@code novel-error}: the first occurrence of an error a service has never produced before opens
 * an incident; later occurrences are counted on it, and it clears once the error has stayed away for
 * {@code quiet-for}. Errors a service already had when the detector first saw its logs are learned
 * during {@code learn-for} and never alert. What is known survives restarts ({@code error_fingerprint}).
 */
@Component
public final class NovelErrorRule implements DetectionRule, ScheduledRule {

    public static final String RULE = "novel-error";
    static final String SIGNAL = "log_error";
    static final int TITLE_CHARS = 120;
    static final int SAMPLE_BYTES = 1024;
    /** Clears per tick at most; the rest follow on the next ticks, so a tick stays short. */
    static final int CLEARS_PER_TICK = 500;
    private static final Logger log = LoggerFactory.getLogger(NovelErrorRule.class);

    private final SettingsView<NoveltySetting> settings;
    private final KeyLimits limits;

    /** @param configured {@code sentinel.detector.novelty}; each {@code detector.novelty.<property>} replaces one of its values */
    public NovelErrorRule(NoveltySetting configured, RuntimeOverlay overlay, KeyLimits limits) {
        this.settings = overlay.perProperty(SettingContracts.NOVELTY, configured);
        this.limits = limits;
    }

    @Override
    public String family() {
        return RULE;
    }

    @Override
    public List<Finding> onSignal(SignalEvent signal, DetectionContext context) {
        if (!(signal instanceof LogBatch batch)) {
            return List.of();
        }
        NoveltySetting current = settings.get();
        KnownErrors known = context.store(KnownErrors.class);
        String service = batch.resource();
        if (!known.serviceKnown(service) && !limits.admit(KeyFamily.LOG_SERVICES)) {
            return List.of();
        }
        Instant firstLog = known.firstLog(service, batch.entries().stream().map(LogEntry::at).min(Comparator.naturalOrder()).orElseThrow());
        Instant learningEnds = firstLog.plus(current.learnFor());

        Map<ErrorSignature, List<LogEntry>> occurrences = new LinkedHashMap<>();
        for (LogEntry entry : batch.entries()) {
            if (entry.atErrorLevel()) {
                ErrorSignature signature = ErrorNormalizer.signature(entry.message(), entry.stackTrace());
                occurrences.computeIfAbsent(signature, s -> new ArrayList<>()).add(entry);
            }
        }
        List<Finding> findings = new ArrayList<>();
        int added = 0;
        for (Map.Entry<ErrorSignature, List<LogEntry>> error : occurrences.entrySet()) {
            ErrorSignature signature = error.getKey();
            List<LogEntry> entries = error.getValue();
            LogEntry first = entries.stream().min(Comparator.comparing(LogEntry::at)).orElseThrow();
            LogEntry last = entries.stream().max(Comparator.comparing(LogEntry::at)).orElseThrow();
            Boolean active = known.find(service, signature.fingerprint()).map(KnownErrors.Known::active).orElse(null);
            NoveltyDecision decision = NoveltyDecision.decide(active, first.at(), learningEnds);
            if ((decision == NoveltyDecision.LEARN || decision == NoveltyDecision.OPEN) && !limits.admit(KeyFamily.ERROR_FINGERPRINTS)) {
                continue;
            }
            switch (decision) {
                case LEARN, OPEN -> {
                    known.insert(service, signature.fingerprint(), signature.exceptionType(), signature.normalizedMessage(),
                            truncateUtf8(first.message(), SAMPLE_BYTES), first.at(), last.at(), entries.size(),
                            decision == NoveltyDecision.LEARN);
                    added++;
                }
                case REPEAT, COUNT -> known.recur(service, signature.fingerprint(), entries.size(), last.at());
            }
            if (decision == NoveltyDecision.OPEN || decision == NoveltyDecision.REPEAT) {
                LogEntry shown = decision == NoveltyDecision.OPEN ? first : last;
                findings.add(firing(batch, signature, shown));
            }
            if (decision == NoveltyDecision.OPEN) {
                log.info("new error service={} fingerprint={} exceptionType={}", service, signature.fingerprint(),
                        signature.exceptionType());
            }
        }
        if (added > 0) {
            known.countKnown(service, added);
            int forgotten = known.forgetBeyond(service, current.maxFingerprintsPerService());
            if (forgotten > 0) {
                known.countKnown(service, -forgotten);
                log.info("known errors capped service={} forgotten={} max={}", service, forgotten, current.maxFingerprintsPerService());
            }
        }
        return findings;
    }

    @Override
    public List<Finding> onTick(DetectionContext context) {
        NoveltySetting current = settings.get();
        List<Finding> cleared = new ArrayList<>();
        List<KnownErrors.Quiet> quietErrors = context.store(KnownErrors.class)
                .quietSince(context.now().minus(current.quietFor()), CLEARS_PER_TICK);
        for (KnownErrors.Quiet quiet : quietErrors) {
            cleared.add(new Finding.Cleared(incidentFingerprint(quiet.service(), quiet.fingerprint()), new Observation(SIGNAL, null, null,
                    "no recurrence for " + current.quietFor() + " (last seen " + quiet.lastSeen() + "): " + quiet.normalizedMessage(),
                    context.now())));
        }
        return cleared;
    }

    static String incidentFingerprint(String service, String errorFingerprint) {
        return Fingerprint.of(RULE, service, Map.of("error", errorFingerprint));
    }

    private static Finding.Firing firing(LogBatch batch, ErrorSignature signature, LogEntry entry) {
        Map<String, String> labels = new HashMap<>(batch.labels());
        labels.put("error_fingerprint", signature.fingerprint());
        if (signature.exceptionType() != null) {
            labels.put("exception_type", signature.exceptionType());
        }
        String detail = truncateUtf8(entry.message(), SAMPLE_BYTES)
                + (signature.exceptionType() == null ? "" : " (exception " + signature.exceptionType() + ")");
        return new Finding.Firing(incidentFingerprint(batch.resource(), signature.fingerprint()), RULE, batch.resource(), labels,
                Severity.WARNING, title(batch.resource(), signature), new Observation(SIGNAL, null, null, detail, entry.at()), null);
    }

    static String title(String service, ErrorSignature signature) {
        String message = signature.normalizedMessage();
        return "New error in " + service + ": "
                + (message.length() <= TITLE_CHARS ? message : message.substring(0, TITLE_CHARS - 1) + "…");
    }

    /** At most {@code maxBytes} of UTF-8, cut between characters, never inside one. */
    static String truncateUtf8(String text, int maxBytes) {
        if (text.length() * 3L <= maxBytes || text.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
            return text;
        }
        int bytes = 0;
        int end = 0;
        while (end < text.length()) {
            int codePoint = text.codePointAt(end);
            int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            end += Character.charCount(codePoint);
        }
        return text.substring(0, end);
    }
}
