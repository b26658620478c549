package io.sentinel.gateway.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Slack's block_actions payload, as Slack's interactivity documentation shows it. */
class SlackInteractionTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String PAYLOAD = """
            {"type":"block_actions","team":{"id":"T9TK3CUKW","domain":"example"},
             "user":{"id":"UA8RXUSPL","username":"jtorrance","name":"jtorrance","team_id":"T9TK3CUKW"},
             "api_app_id":"AABA1ABCD","token":"9s8d9as89d8as9d8as989","container":{"type":"message_attachment","message_ts":"1548261231.000200"},
             "trigger_id":"12321423423.333649436676.d8c1bb837935619ccad0f624c448ffb3",
             "channel":{"id":"CBR2V3XEX","name":"review-updates"},
             "message":{"type":"message","text":"approve?","blocks":[{"type":"actions","block_id":"approval",
               "elements":[{"type":"button","action_id":"approve","value":"ap-1"},{"type":"button","action_id":"reject","value":"ap-1"}]}]},
             "response_url":"https://hooks.slack.com/actions/AABA1ABCD/1232321423432/D09sSasdasdAS9091209",
             "actions":[{"action_id":"approve","block_id":"approval","text":{"type":"plain_text","text":"Approve"},"value":"ap-1",
               "type":"button","action_ts":"1548426417.840180"}]}""";

    @Test
    void readsWhoPressedWhichButtonOnWhichApproval() {
        SlackInteraction interaction = SlackInteraction.parse(form(PAYLOAD), JSON);

        assertThat(interaction.type()).isEqualTo("block_actions");
        assertThat(interaction.userId()).isEqualTo("UA8RXUSPL");
        assertThat(interaction.userName()).isEqualTo("jtorrance");
        assertThat(interaction.actionId()).isEqualTo("approve");
        assertThat(interaction.value()).isEqualTo("ap-1");
        assertThat(interaction.responseUrl()).isEqualTo("https://hooks.slack.com/actions/AABA1ABCD/1232321423432/D09sSasdasdAS9091209");
        assertThat(interaction.messageBlocks().get(0).path("block_id").asString()).isEqualTo("approval");
    }

    @Test
    void saysWhatIsWrongWithAPayloadItCannotRead() {
        assertThatThrownBy(() -> SlackInteraction.parse("token=x".getBytes(StandardCharsets.UTF_8), JSON))
                .hasMessage("the form field 'payload' is missing");
        assertThatThrownBy(() -> SlackInteraction.parse(form("{not json"), JSON)).hasMessageStartingWith("the form field 'payload' is not JSON");
        assertThatThrownBy(() -> SlackInteraction.parse(form("[1,2]"), JSON)).hasMessage("the form field 'payload' is not a JSON object");
        assertThatThrownBy(() -> SlackInteraction.parse(form("{\"type\":\"block_actions\"}"), JSON)).hasMessage("the payload has no 'user.id'");
        assertThatThrownBy(() -> SlackInteraction.parse(form("{\"user\":{\"id\":\"U1\"}}"), JSON)).hasMessage("the payload has no 'type'");
        assertThatThrownBy(() -> SlackInteraction.parse(("payload=" + enc(PAYLOAD) + "&payload=" + enc(PAYLOAD)).getBytes(StandardCharsets.UTF_8),
                JSON)).hasMessage("the form field 'payload' appears more than once");
        assertThatThrownBy(() -> SlackInteraction.parse("payload=%zz".getBytes(StandardCharsets.UTF_8), JSON))
                .hasMessageStartingWith("the form body is not URL-encoded");
        String longValue = "{\"type\":\"block_actions\",\"user\":{\"id\":\"U1\"},\"actions\":[{\"action_id\":\"approve\",\"value\":\""
                + "x".repeat(201) + "\"}]}";
        assertThatThrownBy(() -> SlackInteraction.parse(form(longValue), JSON)).hasMessage("the button's 'value' is longer than 200 characters");
    }

    @Test
    void aPayloadWithoutButtonsOrResponseUrlIsReadAsSuch() {
        SlackInteraction interaction = SlackInteraction.parse(form("{\"type\":\"view_submission\",\"user\":{\"id\":\"U1\",\"name\":\"x\"}}"), JSON);
        assertThat(interaction.type()).isEqualTo("view_submission");
        assertThat(interaction.actionId()).isNull();
        assertThat(interaction.value()).isNull();
        assertThat(interaction.responseUrl()).isNull();
        assertThat(interaction.userName()).isEqualTo("x");
    }

    static byte[] form(String payload) {
        return ("payload=" + enc(payload)).getBytes(StandardCharsets.UTF_8);
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
