package io.sentinel.gateway.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Slack's signature, starting from the worked example in Slack's "Verifying requests from Slack". */
class SlackSignatureTest {

    static final String SLACK_EXAMPLE_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    static final String SLACK_EXAMPLE_TIMESTAMP = "1531420618";
    static final String SLACK_EXAMPLE_BODY = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
            + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
            + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
            + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    static final String SLACK_EXAMPLE_SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    private static final Instant SOON_AFTER = Instant.ofEpochSecond(Long.parseLong(SLACK_EXAMPLE_TIMESTAMP)).plusSeconds(30);
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    private final SlackSignature slack = new SlackSignature(SLACK_EXAMPLE_SECRET);

    @Test
    void signsSlacksWorkedExampleAsSlackDoes() {
        assertThat(slack.sign(SLACK_EXAMPLE_TIMESTAMP, bytes(SLACK_EXAMPLE_BODY))).isEqualTo(SLACK_EXAMPLE_SIGNATURE);
    }

    @Test
    void acceptsSlacksWorkedExample() {
        assertThat(verify(SLACK_EXAMPLE_TIMESTAMP, SLACK_EXAMPLE_SIGNATURE, SLACK_EXAMPLE_BODY, SOON_AFTER))
                .isEqualTo(new SlackSignature.Valid(Instant.ofEpochSecond(1531420618), SLACK_EXAMPLE_SIGNATURE));
    }

    @Test
    void refusesATamperedBody() {
        String tampered = SLACK_EXAMPLE_BODY.replace("user_id=U2CERLKJA", "user_id=U000ADMIN");
        assertThat(verify(SLACK_EXAMPLE_TIMESTAMP, SLACK_EXAMPLE_SIGNATURE, tampered, SOON_AFTER))
                .isEqualTo(new SlackSignature.Refused("X-Slack-Signature does not match the body"));
        assertThat(verify(SLACK_EXAMPLE_TIMESTAMP, SLACK_EXAMPLE_SIGNATURE, SLACK_EXAMPLE_BODY + " ", SOON_AFTER))
                .as("one byte more").isInstanceOf(SlackSignature.Refused.class);
    }

    @Test
    void refusesTheSignatureOfAnotherSecret() {
        var other = new SlackSignature("0123456789abcdef0123456789abcdef");
        assertThat(other.verify(SLACK_EXAMPLE_TIMESTAMP, SLACK_EXAMPLE_SIGNATURE, bytes(SLACK_EXAMPLE_BODY), SOON_AFTER, FIVE_MINUTES))
                .isEqualTo(new SlackSignature.Refused("X-Slack-Signature does not match the body"));
    }

    @Test
    void refusesATimestampOtherThanTheOneSigned() {
        assertThat(verify("1531420619", SLACK_EXAMPLE_SIGNATURE, SLACK_EXAMPLE_BODY, SOON_AFTER)).isInstanceOf(SlackSignature.Refused.class);
    }

    @Test
    void refusesATimestampMoreThanFiveMinutesFromNowWhateverTheSignature() {
        Instant signedAt = Instant.ofEpochSecond(1531420618);
        assertThat(verify(SLACK_EXAMPLE_TIMESTAMP, SLACK_EXAMPLE_SIGNATURE, SLACK_EXAMPLE_BODY, signedAt.plus(FIVE_MINUTES)))
                .as("exactly five minutes old").isInstanceOf(SlackSignature.Valid.class);
        assertThat(verify(SLACK_EXAMPLE_TIMESTAMP, SLACK_EXAMPLE_SIGNATURE, SLACK_EXAMPLE_BODY, signedAt.plus(FIVE_MINUTES).plusSeconds(1)))
                .isEqualTo(new SlackSignature.Refused("X-Slack-Request-Timestamp is more than 5 minutes from now"));
        assertThat(verify(SLACK_EXAMPLE_TIMESTAMP, SLACK_EXAMPLE_SIGNATURE, SLACK_EXAMPLE_BODY, signedAt.minus(FIVE_MINUTES).minusSeconds(1)))
                .as("from the future").isEqualTo(new SlackSignature.Refused("X-Slack-Request-Timestamp is more than 5 minutes from now"));
    }

    @Test
    void refusesMissingAndMalformedHeaders() {
        assertThat(verify(null, SLACK_EXAMPLE_SIGNATURE, SLACK_EXAMPLE_BODY, SOON_AFTER))
                .isEqualTo(new SlackSignature.Refused("missing header X-Slack-Request-Timestamp"));
        assertThat(verify(SLACK_EXAMPLE_TIMESTAMP, null, SLACK_EXAMPLE_BODY, SOON_AFTER))
                .isEqualTo(new SlackSignature.Refused("missing header X-Slack-Signature"));
        assertThat(verify(" ", SLACK_EXAMPLE_SIGNATURE, SLACK_EXAMPLE_BODY, SOON_AFTER)).isInstanceOf(SlackSignature.Refused.class);
        assertThat(verify("yesterday", SLACK_EXAMPLE_SIGNATURE, SLACK_EXAMPLE_BODY, SOON_AFTER))
                .isEqualTo(new SlackSignature.Refused("X-Slack-Request-Timestamp is not a number of seconds"));
        assertThat(verify("99999999999999999", SLACK_EXAMPLE_SIGNATURE, SLACK_EXAMPLE_BODY, SOON_AFTER))
                .isInstanceOf(SlackSignature.Refused.class);
        for (String malformed : new String[] {"a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
                "v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", "v0=a2114d", "v0=" + "a".repeat(5000)}) {
            assertThat(verify(SLACK_EXAMPLE_TIMESTAMP, malformed, SLACK_EXAMPLE_BODY, SOON_AFTER)).as(malformed)
                    .isEqualTo(new SlackSignature.Refused("X-Slack-Signature is not 'v0=' followed by 64 hex digits"));
        }
    }

    /** The replay check keys on the signature: it must not change with the case of its hex digits. */
    @Test
    void namesTheSignatureInLowerCaseWhateverCaseItArrivedIn() {
        String upper = "v0=" + SLACK_EXAMPLE_SIGNATURE.substring(3).toUpperCase(Locale.ROOT);
        assertThat(verify(SLACK_EXAMPLE_TIMESTAMP, upper, SLACK_EXAMPLE_BODY, SOON_AFTER))
                .isEqualTo(new SlackSignature.Valid(Instant.ofEpochSecond(1531420618), SLACK_EXAMPLE_SIGNATURE));
    }

    @Test
    void neverShowsTheSecret() {
        assertThat(slack.toString()).doesNotContain(SLACK_EXAMPLE_SECRET);
    }

    private SlackSignature.Verdict verify(String timestamp, String signature, String body, Instant now) {
        return slack.verify(timestamp, signature, bytes(body), now, FIVE_MINUTES);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
