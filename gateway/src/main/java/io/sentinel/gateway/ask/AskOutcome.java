package io.sentinel.gateway.ask;

/** What became of a question. Only {@link Asked} published anything. */
public sealed interface AskOutcome {

    /** Published; the answer streams to the sink as it arrives. @param waiting what to cancel if the asker goes away */
    record Asked(String conversationId, String questionId, OpenAsks.OpenAsk waiting) implements AskOutcome {
    }

    /** {@code maxOpen} questions wait for their answers already. */
    record Busy(int maxOpen) implements AskOutcome {
    }

    /** This instance does not read the answers yet (it is starting): the answer could pass unseen. */
    record NotListening() implements AskOutcome {
    }

    record UnknownIncident(String incidentId) implements AskOutcome {
    }

    /** Kafka did not take the question. */
    record NotPublished(String reason) implements AskOutcome {
    }
}
