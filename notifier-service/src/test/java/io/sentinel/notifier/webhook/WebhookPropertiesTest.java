package io.sentinel.notifier.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentinel.notifier.notification.NotificationKind;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WebhookPropertiesTest {

    private static final String SECRET = "0123456789abcdef";

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("no secret", webhook("ops", "https://hooks.example.com/x", null), "sentinel.notifier.webhooks[1].secret"),
                Arguments.of("an empty secret, as an unset environment variable gives",
                        webhook("ops", "https://hooks.example.com/x", ""), "sentinel.notifier.webhooks[1].secret"),
                Arguments.of("a secret shorter than 16 characters",
                        webhook("ops", "https://hooks.example.com/x", "0123456789abcde"), "must be at least 16 characters"),
                Arguments.of("a relative url", webhook("ops", "/hooks", SECRET), "sentinel.notifier.webhooks[1].url"),
                Arguments.of("a url that is not http", webhook("ops", "ftp://hooks.example.com/x", SECRET), "sentinel.notifier.webhooks[1].url"),
                Arguments.of("a name that cannot tag a metric", webhook("Ops Channel", "https://hooks.example.com/x", SECRET),
                        "sentinel.notifier.webhooks[1].name"),
                Arguments.of("two webhooks of one name", webhook("first", "https://hooks.example.com/y", SECRET), "used by another webhook"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void refusesToStartWithAnUnusableWebhookNamingTheProperty(String scenario, Webhook second, String expected) {
        assertThatThrownBy(() -> new WebhookProperties(List.of(webhook("first", "https://hooks.example.com/a", SECRET), second)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(expected);
    }

    @Test
    void neverPrintsTheSecret() {
        assertThatThrownBy(() -> new WebhookProperties(List.of(webhook("ops", "https://hooks.example.com/a", "short-secret"))))
                .message().doesNotContain("short-secret");
        assertThat(webhook("ops", "https://hooks.example.com/a", SECRET).toString()).doesNotContain(SECRET);
    }

    @Test
    void noWebhooksIsValid() {
        assertThat(new WebhookProperties(null).webhooks()).isEmpty();
    }

    @Test
    void aWebhookWithoutEventsReceivesEveryKind() {
        Webhook all = webhook("ops", "https://hooks.example.com/a", SECRET);
        Webhook resolvedOnly = new Webhook("resolved", URI.create("https://hooks.example.com/r"), SECRET, Set.of(NotificationKind.INCIDENT_RESOLVED));

        assertThat(Stream.of(NotificationKind.values()).filter(all::wants)).containsExactly(NotificationKind.values());
        assertThat(Stream.of(NotificationKind.values()).filter(resolvedOnly::wants)).containsExactly(NotificationKind.INCIDENT_RESOLVED);
    }

    private static Webhook webhook(String name, String url, String secret) {
        return new Webhook(name, URI.create(url), secret, null);
    }
}
