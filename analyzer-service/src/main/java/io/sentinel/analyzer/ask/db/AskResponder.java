package io.sentinel.analyzer.ask.db;

import io.sentinel.analyzer.ask.AnswerPrompt;
import io.sentinel.analyzer.ask.AnswerStream;
import io.sentinel.analyzer.ask.AskProperties;
import io.sentinel.analyzer.ask.Knowledge;
import io.sentinel.analyzer.ask.Suggestion;
import io.sentinel.analyzer.ask.TemplatedAnswer;
import io.sentinel.analyzer.llm.Completion;
import io.sentinel.analyzer.llm.LanguageModel;
import io.sentinel.analyzer.llm.Prompt;
import io.sentinel.analyzer.redaction.Redactor;
import io.sentinel.events.EventIds;
import io.sentinel.events.analysis.Analyst;
import io.sentinel.events.analysis.ModelUsage;
import io.sentinel.events.analysis.ProposedAction;
import io.sentinel.events.answer.AnswerChunk;
import io.sentinel.events.answer.AnswerCompleted;
import io.sentinel.events.answer.AnswerEvent;
import io.sentinel.events.question.QuestionAsked;
import io.sentinel.playbooks.PlaybookCatalog;
import io.sentinel.runtime.consume.EventContext;
import io.sentinel.runtime.kafka.DirectEventPublisher;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Answers a question: streams the model's answer as {@link AnswerChunk}s as it comes, or without a
 * model (none configured, over budget, failing) a templated summary of the same knowledge, then one
 * {@link AnswerCompleted} with the sources, the analyst, the usage and any playbook suggestion that
 * passed the catalog. Answers change no state, so they go straight to Kafka
 * ({@link DirectEventPublisher}), each with an id derived from the question's event: a question
 * handled again republishes the same ids and readers drop the repeats. A suggestion stays a
 * suggestion (ADR 0012): nothing here proposes or runs an action.
 */
@Component
public class AskResponder {

    private static final Logger log = LoggerFactory.getLogger(AskResponder.class);

    private final KnowledgeReader knowledge;
    private final LanguageModel model;
    private final PlaybookCatalog catalog;
    private final Redactor redactor;
    private final DirectEventPublisher publisher;
    private final AskProperties properties;
    private final Clock clock;

    public AskResponder(KnowledgeReader knowledge, LanguageModel model, PlaybookCatalog catalog, Redactor redactor,
                        DirectEventPublisher publisher, AskProperties properties, Clock clock) {
        this.knowledge = knowledge;
        this.model = model;
        this.catalog = catalog;
        this.redactor = redactor;
        this.publisher = publisher;
        this.properties = properties;
        this.clock = clock;
    }

    public void onQuestion(QuestionAsked question, EventContext context) {
        ConversationDao conversations = context.attach(ConversationDao.class);
        String causeId = context.cause().id();
        Knowledge known = knowledge.read(context.handle(), question);
        List<Prompt.Turn> history = history(conversations, question);

        AnswerStream stream = new AnswerStream(properties.chunkChars(), properties.maxAnswerChars(),
                (text, sequence) -> publish(new AnswerChunk(question.conversationId(), question.questionId(), sequence, redactor.redact(text)),
                        EventIds.derive(causeId, "AnswerChunk#" + sequence)));
        Completion completion = model.stream(AnswerPrompt.of(question.question(), known, history, redactor), model.timeout(),
                properties.answerTimeout(), stream::accept);

        Analyst analyst;
        String fallbackReason;
        ModelUsage usage = null;
        if (completion instanceof Completion.Answered answered && (answered.cutShort() == null || !answered.text().isBlank())) {
            analyst = Analyst.LLM;
            fallbackReason = answered.cutShort();
            usage = answered.usage();
        } else {
            String reason = completion instanceof Completion.Unavailable unavailable ? unavailable.reason()
                    : ((Completion.Answered) completion).cutShort();
            analyst = Analyst.HEURISTIC;
            fallbackReason = reason + "; answered with a templated summary of what Sentinel knows";
            stream.accept(TemplatedAnswer.of(known, reason, redactor));
        }
        String answer = stream.finish();
        ProposedAction suggested = analyst == Analyst.LLM ? stream.suggestion().flatMap(json -> Suggestion.of(json, catalog)).orElse(null) : null;

        conversations.addTurn(question.conversationId(), question.askedBy(), question.questionId(), redactor.redact(question.question()),
                answer, question.askedAt());
        conversations.forgetBeyond(question.conversationId(), question.askedBy(), Math.max(1, properties.maxHistoryTurns()));
        List<String> sources = new ArrayList<>(known.sources());
        if (suggested != null) {
            sources.add("playbook:" + suggested.playbookId());
        }
        publish(new AnswerCompleted(question.conversationId(), question.questionId(), stream.chunks(), analyst,
                analyst == Analyst.LLM ? model.model() : null, fallbackReason, sources, suggested, usage, clock.instant()),
                EventIds.derive(causeId, "AnswerCompleted"));
        log.info("question answered conversationId={} questionId={} askedBy={} incidentId={} analyst={} chunks={} suggested={} fallbackReason=\"{}\"",
                question.conversationId(), question.questionId(), question.askedBy(), question.incidentId() == null ? "none" : question.incidentId(),
                analyst == Analyst.LLM ? "llm:" + model.model() : "heuristic", stream.chunks(),
                suggested == null ? "none" : suggested.playbookId(), fallbackReason == null ? "" : fallbackReason);
    }

    /** Earlier turns of this person's conversation; someone else's turns under the same id are never read. */
    private List<Prompt.Turn> history(ConversationDao conversations, QuestionAsked question) {
        List<Prompt.Turn> turns = new ArrayList<>();
        if (properties.maxHistoryTurns() == 0) {
            return turns;
        }
        conversations.turns(question.conversationId(), question.askedBy(), clock.instant().minus(properties.historyTtl()),
                properties.maxHistoryTurns()).forEach(turn -> {
            turns.add(Prompt.Turn.user(turn.question()));
            turns.add(Prompt.Turn.assistant(turn.answer()));
        });
        return turns;
    }

    /** Returns once Kafka acknowledged it, so chunks arrive in order and before the completion. */
    private void publish(AnswerEvent event, String idempotencyKey) {
        publisher.publishAll(List.of(event), idempotencyKey);
    }
}
