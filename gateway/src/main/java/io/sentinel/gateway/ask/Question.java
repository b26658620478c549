package io.sentinel.gateway.ask;

import io.sentinel.events.question.QuestionAsked;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * A question as a person asked it, checked: what {@code POST /api/ask} takes. Pure.
 *
 * @param text           the question, at most {@link QuestionAsked#MAX_QUESTION_LENGTH} characters
 * @param incidentId     the incident it is about, if any
 * @param conversationId the conversation it follows up, if any; a new one is started otherwise
 */
public record Question(String text, String incidentId, String conversationId) {

    static final int MAX_ID_LENGTH = 128;
    /** Ids are ours (UUIDs, incident ids): printable, no spaces, nothing a log or a key could be confused by. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]*");

    /** @throws InvalidQuestionException naming the field that is wrong */
    public static Question of(String text, String incidentId, String conversationId) {
        if (text == null || text.isBlank()) {
            throw new InvalidQuestionException("field 'question' is required: what do you want to know?");
        }
        String question = text.strip();
        if (question.length() > QuestionAsked.MAX_QUESTION_LENGTH) {
            throw new InvalidQuestionException("field 'question' must be at most " + QuestionAsked.MAX_QUESTION_LENGTH
                    + " characters, was " + question.length());
        }
        return new Question(question, id(incidentId, "incidentId"), id(conversationId, "conversationId"));
    }

    /** Whether this question starts a conversation rather than following one up. */
    public boolean startsConversation() {
        return conversationId == null;
    }

    QuestionAsked asked(String conversation, String questionId, String askedBy, Instant at) {
        return new QuestionAsked(conversation, questionId, text, incidentId, askedBy, at);
    }

    private static String id(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String id = value.strip();
        if (id.length() > MAX_ID_LENGTH || !ID.matcher(id).matches()) {
            throw new InvalidQuestionException("field '" + field + "' must be 1 to " + MAX_ID_LENGTH
                    + " letters, digits, '.', '_', ':' or '-', starting with a letter or digit");
        }
        return id;
    }
}
