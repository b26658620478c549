package io.sentinel.notifier.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpAnswersTest {

    @ParameterizedTest(name = "{0}: delivered {1}, retryable {2}")
    @CsvSource({
            "200, true, false", "202, true, false", "204, true, false",
            "301, false, false", "302, false, false",
            "400, false, false", "401, false, false", "403, false, false", "404, false, false", "410, false, false",
            "413, false, false", "422, false, false",
            "408, false, true", "429, false, true",
            "500, false, true", "502, false, true", "503, false, true", "504, false, true"})
    void aFourHundredIsNotRetriedLikeAFiveHundred(int status, boolean delivered, boolean retryable) {
        SendResult result = HttpAnswers.ofStatus(status);

        if (delivered) {
            assertThat(result).isEqualTo(new SendResult.Delivered("HTTP " + status));
        } else {
            assertThat(result).isEqualTo(new SendResult.Failed("HTTP " + status, retryable));
        }
    }

    @Test
    void noAnswerAtAllIsRetryable() {
        assertThat(HttpAnswers.unreachable(new ConnectException("Connection refused")))
                .isEqualTo(new SendResult.Failed("ConnectException: Connection refused", true));
        assertThat(HttpAnswers.unreachable(new HttpTimeoutException("request timed out")))
                .isEqualTo(new SendResult.Failed("HttpTimeoutException: request timed out", true));
        assertThat(HttpAnswers.unreachable(new ConnectException()))
                .isEqualTo(new SendResult.Failed("ConnectException", true));
    }
}
