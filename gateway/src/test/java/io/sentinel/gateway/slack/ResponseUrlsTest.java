package io.sentinel.gateway.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResponseUrlsTest {

    private final ResponseUrls slackOnly = new ResponseUrls(List.of(URI.create("https://hooks.slack.com")));

    @ParameterizedTest
    @ValueSource(strings = {"https://hooks.slack.com/actions/T1DC2JH3J/397700885554/96rGlfmibIGlgcZRskXaIFfN",
            "https://HOOKS.slack.com/actions/T1/2/3", "https://hooks.slack.com:443/actions/T1/2/3"})
    void callsSlacksOwnResponseUrls(String url) {
        assertThat(slackOnly.allowed(url)).contains(URI.create(url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://hooks.slack.com/actions/T1/2/3", "https://hooks.slack.com:8443/actions/T1/2/3",
            "https://hooks.slack.com.evil.example/actions", "https://evil.example/hooks.slack.com/actions",
            "https://hooks.slack.com@evil.example/actions", "https://user:pw@hooks.slack.com/actions", "https://169.254.169.254/latest/meta-data",
            "http://127.0.0.1:8080/api/keys", "file:///etc/passwd", "/actions/T1/2/3", "not a url", "", "https://evil.example\\@hooks.slack.com/"})
    void neverCallsAnyOtherUrlAPayloadNames(String url) {
        assertThat(slackOnly.allowed(url)).as(url).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://hooks.slack.com/x", "https://hooks.slack.com/?q", "https://hooks.slack.com#f", "hooks.slack.com",
            "ftp://hooks.slack.com", "https://u@hooks.slack.com"})
    void anAllowedOriginIsSchemeHostAndPortOnly(String origin) {
        assertThat(ResponseUrls.isOrigin(URI.create(origin))).as(origin).isFalse();
    }
}
