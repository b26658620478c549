package io.sentinel.gateway.web;

import io.sentinel.gateway.auth.AuthFailureLimiter;
import io.sentinel.gateway.auth.ClientAddress;
import io.sentinel.gateway.slack.MalformedInteractionException;
import io.sentinel.gateway.slack.SlackApprovals;
import io.sentinel.gateway.slack.SlackInteraction;
import io.sentinel.gateway.slack.SlackProperties;
import io.sentinel.gateway.slack.SlackReply;
import io.sentinel.gateway.slack.SlackResponder;
import io.sentinel.gateway.slack.SlackSignature;
import io.sentinel.gateway.slack.db.SeenSlackRequests;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/slack/interactions}: Slack's interactivity requests (the Request URL of the Slack
 * app's Interactivity settings). No API key: the request is Slack's if it carries Slack's signature
 * over its raw body, made at most {@code max-clock-skew} ago, and was not taken before. Then the
 * pressed button becomes a vote by the person the Slack user is mapped to ({@link SlackApprovals}).
 * Slack gets its HTTP 200 at once; the message is updated through the press's {@code response_url}.
 */
@RestController
class SlackInteractionController {

    private static final Logger log = LoggerFactory.getLogger(SlackInteractionController.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SlackProperties properties;
    private final SlackSignature signature;
    private final SeenSlackRequests seen;
    private final SlackApprovals approvals;
    private final SlackResponder responder;
    private final AuthFailureLimiter failures;
    private final Clock clock;

    SlackInteractionController(SlackProperties properties, SeenSlackRequests seen, SlackApprovals approvals, SlackResponder responder,
                               AuthFailureLimiter failures, Clock clock) {
        this.properties = properties;
        this.signature = properties.enabled() ? new SlackSignature(properties.signingSecret()) : null;
        this.seen = seen;
        this.approvals = approvals;
        this.responder = responder;
        this.failures = failures;
        this.clock = clock;
    }

    @PostMapping(path = "/api/slack/interactions", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<JsonNode> interact(HttpServletRequest request) {
        if (signature == null) {
            throw ApiProblems.notFound("Slack interactions are off on this gateway: set SENTINEL_SLACK_SIGNING_SECRET "
                    + "(sentinel.gateway.slack.signing-secret) to the Slack app's signing secret");
        }
        byte[] body = readAtMost(request, properties.maxBodyBytes());
        Instant now = clock.instant();
        SlackSignature.Verdict verdict = signature.verify(request.getHeader(SlackSignature.TIMESTAMP_HEADER),
                request.getHeader(SlackSignature.SIGNATURE_HEADER), body, now, properties.maxClockSkew());
        SlackSignature.Valid valid = switch (verdict) {
            case SlackSignature.Valid ok -> ok;
            case SlackSignature.Refused refused -> throw unauthorized(request, "Not a request from Slack: " + refused.reason());
        };
        if (!seen.firstTime(valid.signature(), valid.timestamp().plus(properties.maxClockSkew()), now)) {
            throw unauthorized(request, "Not taken: this request (its signature) was received before; Slack sends each once");
        }
        SlackInteraction interaction;
        try {
            interaction = SlackInteraction.parse(body, JSON);
        } catch (MalformedInteractionException e) {
            throw ApiProblems.badRequest("Slack interaction not understood: " + e.getMessage());
        }
        SlackReply reply = approvals.handle(interaction);
        responder.reply(interaction.responseUrl(), reply);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(SlackResponder.body(reply));
    }

    private static byte[] readAtMost(HttpServletRequest request, int limit) {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            throw tooLarge(limit);
        }
        byte[] body;
        try {
            body = request.getInputStream().readNBytes(limit + 1);
        } catch (IOException e) {
            throw ApiProblems.problem(HttpStatus.BAD_REQUEST, "request body could not be read: " + e.getMessage(), e);
        }
        if (body.length > limit) {
            throw tooLarge(limit);
        }
        return body;
    }

    private static ErrorResponseException tooLarge(int limit) {
        return ApiProblems.problem(HttpStatus.CONTENT_TOO_LARGE, "Slack interaction larger than " + limit
                + " bytes (sentinel.gateway.slack.max-body-bytes)", null);
    }

    /** A request that is not Slack's counts against its address like a refused key does. */
    private ErrorResponseException unauthorized(HttpServletRequest request, String detail) {
        ClientAddress client = ClientAddress.of(request.getRemoteAddr());
        if (failures.recordFailure(client)) {
            log.warn("client blocked after repeated authentication failures client={} path={}", client, request.getRequestURI());
        }
        log.info("Slack request refused client={}: {}", client, detail);
        return ApiProblems.problem(HttpStatus.UNAUTHORIZED, detail, null);
    }
}
