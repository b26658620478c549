package io.sentinel.events;

import io.sentinel.events.analysis.AnalysisEvent;
import io.sentinel.events.answer.AnswerEvent;
import io.sentinel.events.approval.ApprovalEvent;
import io.sentinel.events.config.ConfigEvent;
import io.sentinel.events.decision.DecisionEvent;
import io.sentinel.events.execution.ExecutionEvent;
import io.sentinel.events.incident.IncidentEvent;
import io.sentinel.events.question.QuestionEvent;
import io.sentinel.events.signal.SignalEvent;
import java.util.Arrays;
import java.util.Optional;

/**
 * The topics of the pipeline, the sealed event family each one carries and the one service that
 * may publish on it. A breaking change to a family is a new topic version, never an edit in place.
 */
public enum Topic {
    SIGNALS("sentinel.signals.v1", SignalEvent.class, false, "collector"),
    INCIDENTS("sentinel.incidents.v1", IncidentEvent.class, false, "detector"),
    ANALYSES("sentinel.analyses.v1", AnalysisEvent.class, false, "analyzer"),
    DECISIONS("sentinel.decisions.v1", DecisionEvent.class, false, "policy"),
    APPROVALS("sentinel.approvals.v1", ApprovalEvent.class, false, "gateway"),
    EXECUTIONS("sentinel.executions.v1", ExecutionEvent.class, false, "executor"),
    /** Runtime settings keyed by setting name; compacted so a new consumer reads the current value of each. */
    CONFIG("sentinel.config.v1", ConfigEvent.class, true, "gateway"),
    /** Questions to Sentinel, keyed by conversation. */
    QUESTIONS("sentinel.questions.v1", QuestionEvent.class, false, "gateway"),
    /** Answers, streamed in chunks, keyed by conversation. */
    ANSWERS("sentinel.answers.v1", AnswerEvent.class, false, "analyzer");

    private final String topicName;
    private final Class<? extends SentinelEvent> family;
    private final boolean compacted;
    private final String producer;

    Topic(String topicName, Class<? extends SentinelEvent> family, boolean compacted, String producer) {
        this.topicName = topicName;
        this.family = family;
        this.compacted = compacted;
        this.producer = producer;
    }

    /**
     * The service (its {@code ce_source}) that alone may publish on this topic; consumers refuse a
     * record signed by anyone else (see docs/adr/0008-trust-boundaries.md).
     */
    public String producer() {
        return producer;
    }

    public String topicName() {
        return topicName;
    }

    /** Where a consumer puts a record it cannot process, with the reason in the record's headers. */
    public String deadLetterTopicName() {
        return topicName + ".dlq";
    }

    public Class<? extends SentinelEvent> family() {
        return family;
    }

    public boolean compacted() {
        return compacted;
    }

    public static Topic of(SentinelEvent event) {
        return Arrays.stream(values())
                .filter(topic -> topic.family.isInstance(event))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(event.getClass().getName() + " belongs to no topic family"));
    }

    public static Optional<Topic> byName(String topicName) {
        return Arrays.stream(values()).filter(topic -> topic.topicName.equals(topicName)).findFirst();
    }
}
