package io.sentinel.analyzer.llm;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.output.TokenUsage;
import io.github.resilience4j.retry.Retry;
import io.sentinel.analyzer.redaction.Redactor;
import io.sentinel.events.analysis.ModelUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The analyzer's one way to a model. Everything sent passes the {@link Redactor} first, whoever
 * built the prompt; every request passes the daily {@link TokenBudget} and the {@link LlmGuard}; what
 * comes back is an answer with its usage, or the reason there is none. Without a configured endpoint
 * every request is refused with the reason, so callers fall back the same way they do in an outage.
 */
public final class LanguageModel {

    /** Why the heuristic answers when nobody configured a model; names what to set. */
    public static final String NOT_CONFIGURED = "no LLM configured (set " + LlmProperties.PREFIX + ".base-url and .model, "
            + "or SENTINEL_LLM_BASE_URL and SENTINEL_LLM_MODEL)";

    private final String model;
    private final ChatModel chat;
    private final StreamingChatModel streaming;
    private final Redactor redactor;
    private final LlmGuard guard;
    private final TokenBudget budget;
    private final LlmProperties properties;
    private final String notConfigured;

    public LanguageModel(LlmProperties properties, ChatModel chat, StreamingChatModel streaming, Redactor redactor, LlmGuard guard,
                         TokenBudget budget) {
        this.model = properties.model();
        this.chat = chat;
        this.streaming = streaming;
        this.redactor = redactor;
        this.guard = guard;
        this.budget = budget;
        this.properties = properties;
        this.notConfigured = null;
    }

    private LanguageModel(String notConfigured) {
        this.model = null;
        this.chat = null;
        this.streaming = null;
        this.redactor = null;
        this.guard = null;
        this.budget = null;
        this.properties = null;
        this.notConfigured = notConfigured;
    }

    /** No endpoint: every request is refused with {@code reason}. */
    public static LanguageModel notConfigured(String reason) {
        return new LanguageModel(reason);
    }

    public boolean configured() {
        return notConfigured == null;
    }

    /** The model's name at its endpoint; null when none is configured. */
    public String model() {
        return model;
    }

    public Duration timeout() {
        return properties == null ? Duration.ZERO : properties.timeout();
    }

    /** One answer, within {@code timeLimit} whatever the endpoint does. */
    public Completion complete(Prompt prompt, Duration timeLimit) {
        Optional<String> refusal = refusal();
        if (refusal.isPresent()) {
            return new Completion.Unavailable(refusal.get());
        }
        ChatRequest request = request(prompt);
        long start = System.nanoTime();
        try {
            ChatResponse response = guard.call(() -> chat.chat(request), timeLimit);
            ModelUsage usage = spend(response.tokenUsage(), start);
            String text = response.aiMessage() == null ? null : response.aiMessage().text();
            return text == null ? new Completion.Unavailable("the model answered with no text") : new Completion.Answered(text, usage, null);
        } catch (LlmGuard.Refused refused) {
            return new Completion.Unavailable(refused.getMessage());
        }
    }

    /**
     * An answer streamed to {@code sink} as the model writes it. Rate limits and server errors are
     * tried again only before the first words; after them a failure ends the answer where it broke
     * ({@link Completion.Answered#cutShort}).
     *
     * @param firstWords how long the first words may take, retries included
     * @param whole      how long the whole answer may take; past it the answer is cut
     */
    public Completion stream(Prompt prompt, Duration firstWords, Duration whole, Consumer<String> sink) {
        Optional<String> refusal = refusal();
        if (refusal.isPresent()) {
            return new Completion.Unavailable(refusal.get());
        }
        ChatRequest request = request(prompt);
        long start = System.nanoTime();
        long firstDeadline = start + firstWords.toNanos();
        long wholeDeadline = start + whole.toNanos();
        try (LlmGuard.Permit permit = guard.enter()) {
            Retry.Context<Void> attempts = guard.retry().context();
            while (true) {
                Stream stream = new Stream();
                streaming.chat(request, stream);
                StreamEvent first = stream.next(firstDeadline);
                switch (first) {
                    case null -> {
                        stream.cancel();
                        permit.failed(start, new TimeoutException());
                        return new Completion.Unavailable("no answer within " + LlmGuard.human(firstWords) + " (" + LlmProperties.PREFIX + ".timeout)");
                    }
                    case StreamEvent.Failed failed -> {
                        if (!LlmGuard.retryable(failed.error()) || System.nanoTime() >= firstDeadline) {
                            permit.failed(start, failed.error());
                            return new Completion.Unavailable(LlmGuard.describe(failed.error()));
                        }
                        try {
                            attempts.onError(failed.error() instanceof Exception e ? e : new RuntimeException(failed.error()));
                        } catch (Throwable exhausted) {
                            permit.failed(start, failed.error());
                            return new Completion.Unavailable(LlmGuard.describe(failed.error()) + ", " + properties.resilience().maxAttempts()
                                    + " attempts");
                        }
                    }
                    default -> {
                        return drain(stream, first, start, wholeDeadline, permit, sink);
                    }
                }
            }
        } catch (LlmGuard.Refused refused) {
            return new Completion.Unavailable(refused.getMessage());
        }
    }

    private Completion drain(Stream stream, StreamEvent first, long start, long deadline, LlmGuard.Permit permit, Consumer<String> sink) {
        StringBuilder text = new StringBuilder();
        StreamEvent event = first;
        while (true) {
            switch (event) {
                case null -> {
                    stream.cancel();
                    permit.succeeded(start);
                    return new Completion.Answered(text.toString(), spend(null, start),
                            "the answer was cut at the time limit (" + LlmProperties.PREFIX + ".timeout / sentinel.analyzer.ask.answer-timeout)");
                }
                case StreamEvent.Text words -> {
                    text.append(words.text());
                    sink.accept(words.text());
                }
                case StreamEvent.Completed completed -> {
                    permit.succeeded(start);
                    return new Completion.Answered(text.toString(), spend(completed.response().tokenUsage(), start), null);
                }
                case StreamEvent.Failed failed -> {
                    permit.failed(start, failed.error());
                    return new Completion.Answered(text.toString(), spend(null, start), "the stream broke off: " + LlmGuard.describe(failed.error()));
                }
            }
            event = stream.next(deadline);
        }
    }

    private Optional<String> refusal() {
        if (notConfigured != null) {
            return Optional.of(notConfigured);
        }
        return budget.exhausted();
    }

    private ChatRequest request(Prompt prompt) {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(SystemMessage.from(redactor.redact(prompt.system())));
        for (Prompt.Turn turn : prompt.turns()) {
            String text = redactor.redact(turn.text());
            messages.add(turn.role() == Prompt.Role.USER ? UserMessage.from(text) : AiMessage.from(text));
        }
        ChatRequest.Builder request = ChatRequest.builder().messages(messages).maxOutputTokens(properties.maxTokens())
                .temperature(properties.temperature());
        if (prompt.json() && properties.jsonMode()) {
            request.responseFormat(ResponseFormat.JSON);
        }
        return request.build();
    }

    private ModelUsage spend(TokenUsage tokens, long startNanos) {
        long in = tokens == null || tokens.inputTokenCount() == null ? 0 : tokens.inputTokenCount();
        long out = tokens == null || tokens.outputTokenCount() == null ? 0 : tokens.outputTokenCount();
        Double cost = properties.prices().cost(in, out);
        budget.spend(in, out, cost);
        return new ModelUsage(in, out, cost, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    }

    private sealed interface StreamEvent {
        record Text(String text) implements StreamEvent {
        }

        record Completed(ChatResponse response) implements StreamEvent {
        }

        record Failed(Throwable error) implements StreamEvent {
        }
    }

    /** One streamed request: the client's callbacks land in a queue the caller's thread drains. */
    private static final class Stream implements StreamingChatResponseHandler {

        private final BlockingQueue<StreamEvent> events = new LinkedBlockingQueue<>();
        private final AtomicReference<StreamingHandle> handle = new AtomicReference<>();

        @Override
        public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
            handle.compareAndSet(null, context.streamingHandle());
            if (partial.text() != null && !partial.text().isEmpty()) {
                events.add(new StreamEvent.Text(partial.text()));
            }
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
            events.add(new StreamEvent.Completed(response));
        }

        @Override
        public void onError(Throwable error) {
            events.add(new StreamEvent.Failed(error));
        }

        /** The next event, or null when none came before the deadline. */
        StreamEvent next(long deadlineNanos) {
            try {
                long wait = deadlineNanos - System.nanoTime();
                return wait <= 0 ? events.poll() : events.poll(wait, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        void cancel() {
            StreamingHandle streaming = handle.get();
            if (streaming != null) {
                try {
                    streaming.cancel();
                } catch (RuntimeException ignored) {
                    // The stream is abandoned either way; what it still sends lands in a queue nobody reads.
                }
            }
        }
    }
}
