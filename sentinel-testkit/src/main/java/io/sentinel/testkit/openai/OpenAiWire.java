package io.sentinel.testkit.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Responses in OpenAI's chat completions wire format, plain ({@code chat.completion}) and streamed
 * (server-sent events of {@code chat.completion.chunk}, a usage chunk, then {@code data: [DONE]}),
 * as an endpoint sends them, for WireMock to serve.
 */
public final class OpenAiWire {

    public static final String PATH = "/v1/chat/completions";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private OpenAiWire() {
    }

    public static ResponseDefinitionBuilder completion(String content, int promptTokens, int completionTokens) {
        Map<String, Object> body = Map.of(
                "id", "chatcmpl-test",
                "object", "chat.completion",
                "created", 1_795_000_000,
                "model", "gpt-test",
                "choices", List.of(Map.of("index", 0, "message", Map.of("role", "assistant", "content", content), "finish_reason", "stop")),
                "usage", Map.of("prompt_tokens", promptTokens, "completion_tokens", completionTokens, "total_tokens", promptTokens + completionTokens));
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(JSON.writeValueAsString(body));
    }

    /** The pieces as content deltas, then a finish chunk, a usage chunk and {@code [DONE]}. */
    public static ResponseDefinitionBuilder stream(List<String> pieces, int promptTokens, int completionTokens) {
        List<Map<String, Object>> chunks = new ArrayList<>();
        chunks.add(chunk(Map.of("role", "assistant", "content", ""), null));
        pieces.forEach(piece -> chunks.add(chunk(Map.of("content", piece), null)));
        chunks.add(chunk(Map.of(), "stop"));
        StringBuilder body = new StringBuilder();
        chunks.forEach(chunk -> body.append("data: ").append(JSON.writeValueAsString(chunk)).append("\n\n"));
        body.append("data: ").append(JSON.writeValueAsString(Map.of("id", "chatcmpl-test", "object", "chat.completion.chunk",
                "created", 1_795_000_000, "model", "gpt-test", "choices", List.of(),
                "usage", Map.of("prompt_tokens", promptTokens, "completion_tokens", completionTokens, "total_tokens", promptTokens + completionTokens))))
                .append("\n\n");
        body.append("data: [DONE]\n\n");
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body.toString());
    }

    public static ResponseDefinitionBuilder error(int status, String type) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"" + type + " (the key sk-proj-echoedBackByTheServer0123456789 is wrong)\",\"type\":\"" + type
                        + "\",\"code\":null}}");
    }

    private static Map<String, Object> chunk(Map<String, Object> delta, String finishReason) {
        Map<String, Object> choice = new java.util.LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("delta", delta);
        choice.put("finish_reason", finishReason);
        return Map.of("id", "chatcmpl-test", "object", "chat.completion.chunk", "created", 1_795_000_000, "model", "gpt-test",
                "choices", List.of(choice));
    }

    /** An answer of the analysis contract, as JSON text. */
    public static String analysis(String rootCause, String playbookId, Map<String, String> parameters, String risk, double confidence) {
        Map<String, Object> answer = new java.util.LinkedHashMap<>();
        answer.put("rootCause", rootCause);
        answer.put("evidence", List.of("memory_usage_ratio rose from 0.5 to 0.93 in 15 minutes", "log ERROR: java.lang.OutOfMemoryError"));
        answer.put("playbookId", playbookId);
        answer.put("parameters", parameters);
        answer.put("risk", risk);
        answer.put("confidence", confidence);
        answer.put("summary", "The shop leaks memory; releasing it should bring usage down.");
        return JSON.writeValueAsString(answer);
    }
}
