package io.sentinel.analyzer.ask;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Ask Sentinel: questions from {@code sentinel.questions.v1}, answers streamed on {@code sentinel.answers.v1}.
 *
 * @param maxHistoryTurns  earlier questions and answers of a conversation a follow-up is given at most
 * @param historyTtl       how long a conversation is remembered after its last question
 * @param answerTimeout    how long a whole streamed answer may take; past it the answer is cut (its
 *                         first words must come within {@code sentinel.analyzer.llm.timeout})
 * @param chunkChars       an answer chunk is sent once it holds this many characters, or ends a line
 * @param recentIncidents  incidents a general question (about no incident) is given
 * @param maxLogLines      log lines of the incident's resource an answer is given at most
 * @param maxAnswerChars   an answer is cut after this many characters, model or template
 */
@ConfigurationProperties("sentinel.analyzer.ask")
public record AskProperties(@DefaultValue("6") int maxHistoryTurns,
                            @DefaultValue("24h") Duration historyTtl,
                            @DefaultValue("2m") Duration answerTimeout,
                            @DefaultValue("160") int chunkChars,
                            @DefaultValue("8") int recentIncidents,
                            @DefaultValue("10") int maxLogLines,
                            @DefaultValue("12000") int maxAnswerChars) {

    static final String PREFIX = "sentinel.analyzer.ask";

    public AskProperties {
        if (maxHistoryTurns < 0 || maxHistoryTurns > 50) {
            throw new IllegalArgumentException(PREFIX + ".max-history-turns must be within [0, 50], was " + maxHistoryTurns);
        }
        if (historyTtl == null || historyTtl.isNegative() || historyTtl.isZero()) {
            throw new IllegalArgumentException(PREFIX + ".history-ttl must be a positive duration, was " + historyTtl);
        }
        if (answerTimeout == null || answerTimeout.isNegative() || answerTimeout.isZero()) {
            throw new IllegalArgumentException(PREFIX + ".answer-timeout must be a positive duration, was " + answerTimeout);
        }
        if (chunkChars < 1 || chunkChars > 4_000) {
            throw new IllegalArgumentException(PREFIX + ".chunk-chars must be within [1, 4000], was " + chunkChars);
        }
        if (recentIncidents < 1 || recentIncidents > 50) {
            throw new IllegalArgumentException(PREFIX + ".recent-incidents must be within [1, 50], was " + recentIncidents);
        }
        if (maxLogLines < 0 || maxLogLines > 100) {
            throw new IllegalArgumentException(PREFIX + ".max-log-lines must be within [0, 100], was " + maxLogLines);
        }
        if (maxAnswerChars < 200) {
            throw new IllegalArgumentException(PREFIX + ".max-answer-chars must be at least 200, was " + maxAnswerChars);
        }
    }
}
