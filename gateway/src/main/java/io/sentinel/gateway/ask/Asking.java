package io.sentinel.gateway.ask;

import io.sentinel.events.EventIds;
import io.sentinel.events.question.QuestionAsked;
import io.sentinel.gateway.auth.Caller;
import io.sentinel.gateway.incident.db.IncidentQueries;
import io.sentinel.runtime.kafka.DirectEventPublisher;
import io.sentinel.runtime.kafka.EventPublicationException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Ask Sentinel: publishes a person's question for the analyzer ({@link QuestionAsked} on
 * {@code sentinel.questions.v1}) and streams the answer back as it arrives on
 * {@code sentinel.answers.v1}. The question is published straight to Kafka (there is no state to
 * change with it), once the gateway waits for its answer, so no part of the answer can be missed.
 * A follow-up keeps its conversation id; the analyzer keeps the conversation's history.
 */
@Component
public class Asking {

    private static final Logger log = LoggerFactory.getLogger(Asking.class);

    private final OpenAsks asks;
    private final DirectEventPublisher publisher;
    private final IncidentQueries incidents;
    private final AskProperties properties;
    private final Clock clock;

    public Asking(OpenAsks asks, DirectEventPublisher publisher, IncidentQueries incidents, AskProperties properties, Clock clock) {
        this.asks = asks;
        this.publisher = publisher;
        this.incidents = incidents;
        this.properties = properties;
        this.clock = clock;
    }

    public AskOutcome ask(Question question, Caller asker, AnswerSink sink) {
        if (!asks.listening()) {
            return new AskOutcome.NotListening();
        }
        if (question.incidentId() != null && !incidents.exists(question.incidentId())) {
            return new AskOutcome.UnknownIncident(question.incidentId());
        }
        String conversationId = question.startsConversation() ? EventIds.random() : question.conversationId();
        String questionId = EventIds.random();
        Optional<OpenAsks.OpenAsk> open = asks.open(questionId, sink);
        if (open.isEmpty()) {
            log.warn("question refused: {} questions wait already (sentinel.gateway.ask.max-open)", properties.maxOpen());
            return new AskOutcome.Busy(properties.maxOpen());
        }
        QuestionAsked asked = question.asked(conversationId, questionId, asker.name(), clock.instant());
        try {
            publisher.publishAll(List.of(asked));
        } catch (EventPublicationException e) {
            open.get().cancel();
            log.warn("question not published questionId={}: {}", questionId, e.getMessage());
            return new AskOutcome.NotPublished(e.getMessage());
        }
        log.info("question asked conversationId={} questionId={} incidentId={} by={} via={} followUp={} length={}", conversationId,
                questionId, question.incidentId(), asker.name(), asker.channel().label(), !question.startsConversation(),
                question.text().length());
        return new AskOutcome.Asked(conversationId, questionId, open.get());
    }
}
