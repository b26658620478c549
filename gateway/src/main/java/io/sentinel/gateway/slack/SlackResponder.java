package io.sentinel.gateway.slack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Posts the gateway's answer to a button press to the press's {@code response_url}, after Slack has
 * had its HTTP 200 (Slack wants that within 3 seconds). Only URLs on an allowed origin are called
 * ({@link ResponseUrls}); redirects are not followed, so an allowed URL cannot lead elsewhere.
 */
@Component
public class SlackResponder {

    private static final Logger log = LoggerFactory.getLogger(SlackResponder.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SlackProperties properties;
    private final ResponseUrls urls;
    private final HttpClient http;

    public SlackResponder(SlackProperties properties) {
        this.properties = properties;
        this.urls = new ResponseUrls(properties.responseUrlOrigins());
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(properties.responseTimeout()).build();
    }

    /** The body Slack takes for a reply, on a {@code response_url} or as the HTTP answer. */
    public static ObjectNode body(SlackReply reply) {
        Map<String, Object> fields = new LinkedHashMap<>();
        switch (reply) {
            case SlackReply.Ephemeral ephemeral -> {
                fields.put("response_type", "ephemeral");
                fields.put("replace_original", false);
                fields.put("text", ephemeral.text());
            }
            case SlackReply.Replace replace -> {
                fields.put("replace_original", true);
                fields.put("text", replace.text());
                if (replace.keepBlocks() != null) {
                    fields.put("blocks", withContext(replace.keepBlocks(), replace.text()));
                }
            }
        }
        return JSON.valueToTree(fields);
    }

    /** Whether the gateway would call this {@code response_url}. */
    public boolean allowed(String responseUrl) {
        return urls.allowed(responseUrl).isPresent();
    }

    /** Sends the reply in the background; a URL on no allowed origin is never called. */
    public void reply(String responseUrl, SlackReply reply) {
        if (responseUrl == null) {
            return;
        }
        var url = urls.allowed(responseUrl);
        if (url.isEmpty()) {
            log.warn("Slack response_url not on an allowed origin, not called (sentinel.gateway.slack.response-url-origins={}) host={}",
                    properties.responseUrlOrigins(), hostOf(responseUrl));
            return;
        }
        String body = JSON.writeValueAsString(body(reply));
        Thread.ofVirtual().name("slack-reply").start(() -> post(url.get(), body));
    }

    private void post(URI url, String body) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(url)
                    .timeout(properties.responseTimeout())
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                log.warn("Slack refused the reply status={} host={}", response.statusCode(), url.getHost());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("Slack reply failed host={}: {}", url.getHost(), e.toString());
        }
    }

    /** The message's blocks with the vote's sentence beneath them, so that the buttons stay for the next voter. */
    private static List<JsonNode> withContext(JsonNode blocks, String text) {
        List<JsonNode> kept = new ArrayList<>();
        blocks.forEach(kept::add);
        kept.add(JSON.valueToTree(Map.of("type", "context", "elements", List.of(Map.of("type", "mrkdwn", "text", text)))));
        return kept;
    }

    private static String hostOf(String url) {
        try {
            return URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return "(not a URL)";
        }
    }
}
