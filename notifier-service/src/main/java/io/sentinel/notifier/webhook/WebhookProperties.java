package io.sentinel.notifier.webhook;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The outgoing webhooks, {@code sentinel.notifier.webhooks[n].{name,url,secret,events}}. None is a
 * valid configuration: the notifier then records incidents and sends nothing.
 */
@ConfigurationProperties("sentinel.notifier")
public record WebhookProperties(List<Webhook> webhooks) {

    static final int MIN_SECRET_LENGTH = 16;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public WebhookProperties {
        webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < webhooks.size(); i++) {
            Webhook webhook = webhooks.get(i);
            String property = "sentinel.notifier.webhooks[" + i + "]";
            if (webhook.name() == null || !NAME.matcher(webhook.name()).matches()) {
                throw new IllegalArgumentException(property + ".name must be lowercase letters, digits and dashes, was '" + webhook.name() + "'");
            }
            if (!names.add(webhook.name())) {
                throw new IllegalArgumentException(property + ".name '" + webhook.name() + "' is used by another webhook");
            }
            if (webhook.url() == null || !webhook.url().isAbsolute() || webhook.url().getHost() == null
                    || !Set.of("http", "https").contains(webhook.url().getScheme().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(property + ".url must be an absolute http or https URL, was '" + webhook.url() + "'");
            }
            if (webhook.secret() == null || webhook.secret().length() < MIN_SECRET_LENGTH) {
                throw new IllegalArgumentException(property + ".secret (webhook '" + webhook.name() + "') must be at least "
                        + MIN_SECRET_LENGTH + " characters; set it from the environment, e.g. ${SENTINEL_WEBHOOK_SECRET}");
            }
        }
    }

    public Optional<Webhook> find(String name) {
        return webhooks.stream().filter(webhook -> webhook.name().equals(name)).findFirst();
    }
}
