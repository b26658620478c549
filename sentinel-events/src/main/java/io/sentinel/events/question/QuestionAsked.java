package io.sentinel.events.question;

import io.sentinel.events.EventFields;
import java.time.Instant;

/**
 * Someone asked Sentinel a question, about one incident or in general. Follow-up questions reuse the
 * conversation id; the analyzer keeps the conversation's history.
 *
 * @param incidentId the incident the question is about, if any
 * @param askedBy    the name of the API key or person that asked
 */
public record QuestionAsked(String conversationId, String questionId, String question, String incidentId, String askedBy,
                            Instant askedAt) implements QuestionEvent {

    /** Long enough for a real question with pasted context; short enough to bound what a prompt carries. */
    public static final int MAX_QUESTION_LENGTH = 4000;

    public QuestionAsked {
        EventFields.requireText(conversationId, "conversationId");
        EventFields.requireText(questionId, "questionId");
        EventFields.requireText(question, "question");
        if (question.length() > MAX_QUESTION_LENGTH) {
            throw new IllegalArgumentException("field 'question' must be at most " + MAX_QUESTION_LENGTH + " characters, was "
                    + question.length());
        }
        incidentId = EventFields.optionalText(incidentId);
        EventFields.requireText(askedBy, "askedBy");
        EventFields.require(askedAt, "askedAt");
    }
}
