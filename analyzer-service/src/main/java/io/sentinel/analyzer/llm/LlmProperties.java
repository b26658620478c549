package io.sentinel.analyzer.llm;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The model that explains incidents and answers questions: any endpoint that speaks OpenAI's chat
 * completions API (OpenAI, OpenRouter, vLLM, Ollama's {@code /v1}, LM Studio). Unset, the analyzer
 * uses its heuristic and says so.
 *
 * @param baseUrl          the API's base URL, up to and including {@code /v1} ({@code SENTINEL_LLM_BASE_URL})
 * @param apiKey           sent as a bearer token; may be blank for a local endpoint ({@code SENTINEL_LLM_API_KEY})
 * @param model            the model's name at that endpoint ({@code SENTINEL_LLM_MODEL})
 * @param timeout          the time limit of one analysis, retries, back-off and the repair request
 *                         included, and of the wait for an answer's first words; past it the heuristic answers
 * @param maxTokens        the most tokens one answer may have
 * @param temperature      sampling temperature; low, since an analysis should be repeatable
 * @param dailyTokenBudget tokens (in and out) all analyses and answers may spend per UTC day; past it the
 *                         heuristic and the templated answer take over until midnight. 0: no budget
 * @param responseFormat   {@code json-object}: ask for JSON mode ({@code response_format}); {@code none}: the
 *                         endpoint does not support it (LM Studio), the prompt alone asks for JSON
 * @param prices           what a token costs, to report the cost of each answer; unknown when unset
 */
@ConfigurationProperties("sentinel.analyzer.llm")
public record LlmProperties(String baseUrl, String apiKey, String model,
                            @DefaultValue("30s") Duration timeout,
                            @DefaultValue("1024") int maxTokens,
                            @DefaultValue("0.1") double temperature,
                            @DefaultValue("1000000") long dailyTokenBudget,
                            @DefaultValue("json-object") String responseFormat,
                            @DefaultValue Prices prices,
                            @DefaultValue Resilience resilience) {

    public static final String PREFIX = "sentinel.analyzer.llm";

    public LlmProperties {
        baseUrl = blankToNull(baseUrl);
        apiKey = blankToNull(apiKey);
        model = blankToNull(model);
        if (baseUrl != null) {
            String problem = baseUrlProblem(baseUrl);
            if (problem != null) {
                throw new IllegalArgumentException(PREFIX + ".base-url (SENTINEL_LLM_BASE_URL) " + problem);
            }
            if (model == null) {
                throw new IllegalArgumentException(PREFIX + ".model (SENTINEL_LLM_MODEL) must name the model to use at " + baseUrl);
            }
        } else if (model != null || apiKey != null) {
            throw new IllegalArgumentException(PREFIX + ".base-url (SENTINEL_LLM_BASE_URL) must be set when " + PREFIX
                    + (model != null ? ".model" : ".api-key") + " is: Sentinel never picks an endpoint by itself (e.g. https://api.openai.com/v1)");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(PREFIX + ".timeout must be a positive duration, was " + timeout);
        }
        if (maxTokens < 64 || maxTokens > 32_768) {
            throw new IllegalArgumentException(PREFIX + ".max-tokens must be within [64, 32768], was " + maxTokens);
        }
        if (!(temperature >= 0 && temperature <= 2)) {
            throw new IllegalArgumentException(PREFIX + ".temperature must be within [0, 2], was " + temperature);
        }
        if (dailyTokenBudget < 0) {
            throw new IllegalArgumentException(PREFIX + ".daily-token-budget must not be negative (0 means no budget), was " + dailyTokenBudget);
        }
        responseFormat = responseFormat == null ? "json-object" : responseFormat.toLowerCase(Locale.ROOT);
        if (!responseFormat.equals("json-object") && !responseFormat.equals("none")) {
            throw new IllegalArgumentException(PREFIX + ".response-format must be 'json-object' or 'none', was '" + responseFormat + "'");
        }
        prices = prices == null ? new Prices(null, null) : prices;
        resilience = resilience == null ? new Resilience(3, Duration.ofMillis(500), 2.0, 4, 50, 10, 5, Duration.ofSeconds(60)) : resilience;
    }

    public boolean configured() {
        return baseUrl != null;
    }

    public boolean jsonMode() {
        return responseFormat.equals("json-object");
    }

    /** Never the key itself: this record may be logged or shown in an error. */
    @Override
    public String toString() {
        return "LlmProperties[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "unset" : "set") + ", model=" + model + ", timeout=" + timeout
                + ", maxTokens=" + maxTokens + ", dailyTokenBudget=" + dailyTokenBudget + ", responseFormat=" + responseFormat + "]";
    }

    /**
     * @param inputPer1k  US dollars per 1,000 prompt tokens
     * @param outputPer1k US dollars per 1,000 completion tokens
     */
    public record Prices(Double inputPer1k, Double outputPer1k) {

        public Prices {
            if (inputPer1k != null && !(inputPer1k >= 0 && Double.isFinite(inputPer1k))) {
                throw new IllegalArgumentException(PREFIX + ".prices.input-per-1k must be a non-negative number, was " + inputPer1k);
            }
            if (outputPer1k != null && !(outputPer1k >= 0 && Double.isFinite(outputPer1k))) {
                throw new IllegalArgumentException(PREFIX + ".prices.output-per-1k must be a non-negative number, was " + outputPer1k);
            }
        }

        /** The cost of an answer, or null when either price is unknown. */
        public Double cost(long tokensIn, long tokensOut) {
            if (inputPer1k == null || outputPer1k == null) {
                return null;
            }
            return tokensIn / 1000.0 * inputPer1k + tokensOut / 1000.0 * outputPer1k;
        }
    }

    /**
     * @param maxAttempts          attempts per request, the first included; only rate limits (429) and
     *                             server errors (5xx) are tried again
     * @param backoff              the wait before the second attempt
     * @param backoffMultiplier    each further wait is this much longer
     * @param maxConcurrentCalls   requests in flight at once (bulkhead); one more is not queued, the heuristic answers
     * @param failureRatePercent   the circuit opens when this share of the last calls failed ...
     * @param slidingWindow        ... out of this many calls ...
     * @param minimumCalls         ... once at least this many were made
     * @param openFor              how long an open circuit refuses calls before letting a trial through
     */
    public record Resilience(@DefaultValue("3") int maxAttempts,
                             @DefaultValue("500ms") Duration backoff,
                             @DefaultValue("2.0") double backoffMultiplier,
                             @DefaultValue("4") int maxConcurrentCalls,
                             @DefaultValue("50") int failureRatePercent,
                             @DefaultValue("10") int slidingWindow,
                             @DefaultValue("5") int minimumCalls,
                             @DefaultValue("60s") Duration openFor) {

        public Resilience {
            String prefix = PREFIX + ".resilience.";
            if (maxAttempts < 1 || maxAttempts > 10) {
                throw new IllegalArgumentException(prefix + "max-attempts must be within [1, 10], was " + maxAttempts);
            }
            if (backoff == null || backoff.isNegative() || backoff.isZero()) {
                throw new IllegalArgumentException(prefix + "backoff must be a positive duration, was " + backoff);
            }
            if (!(backoffMultiplier >= 1)) {
                throw new IllegalArgumentException(prefix + "backoff-multiplier must be at least 1, was " + backoffMultiplier);
            }
            if (maxConcurrentCalls < 1) {
                throw new IllegalArgumentException(prefix + "max-concurrent-calls must be at least 1, was " + maxConcurrentCalls);
            }
            if (failureRatePercent < 1 || failureRatePercent > 100) {
                throw new IllegalArgumentException(prefix + "failure-rate-percent must be within [1, 100], was " + failureRatePercent);
            }
            if (slidingWindow < 1) {
                throw new IllegalArgumentException(prefix + "sliding-window must be at least 1, was " + slidingWindow);
            }
            if (minimumCalls < 1 || minimumCalls > slidingWindow) {
                throw new IllegalArgumentException(prefix + "minimum-calls must be within [1, sliding-window], was " + minimumCalls);
            }
            if (openFor == null || openFor.isNegative() || openFor.isZero()) {
                throw new IllegalArgumentException(prefix + "open-for must be a positive duration, was " + openFor);
            }
        }
    }

    private static String baseUrlProblem(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "is not a valid URL: " + e.getReason();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "must be an http or https URL, was '" + url + "'";
        }
        if (uri.getHost() == null) {
            return "must name a host, was '" + url + "'";
        }
        if (uri.getRawUserInfo() != null) {
            return "must not carry credentials; set " + PREFIX + ".api-key (SENTINEL_LLM_API_KEY) instead";
        }
        return null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
