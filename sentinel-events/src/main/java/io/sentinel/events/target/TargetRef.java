package io.sentinel.events.target;

import io.sentinel.events.EventFields;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A target from the inventory, as it stood when a decision was taken: what an action may touch and
 * how risky touching it is. It comes from Sentinel's own configuration, never from what a signal's
 * sender wrote, so approvers see, and the executor calls, exactly what the inventory says.
 *
 * @param name        the target's name in the inventory (what the collector attaches to its signals)
 * @param environment the target's environment, one of the inventory's environments
 * @param urls        the base URLs the executor may call for it ({@code {{target.url}}} is the first)
 * @param kubernetes  where it lives in Kubernetes, if it does
 */
public record TargetRef(String name, String environment, List<String> urls, KubernetesRef kubernetes) {

    /** Dot-separated DNS labels (lowercase letters, digits, inner '-'), at most 63 characters in all. */
    public static final Pattern NAME = Pattern.compile("(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    public TargetRef {
        EventFields.requireText(name, "target.name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("field 'target.name' must be dot-separated lowercase letters, digits and inner '-' "
                    + "(at most 63 characters), was '" + name + "'");
        }
        EventFields.requireText(environment, "target.environment");
        urls = EventFields.copyOf(urls);
        for (int i = 0; i < urls.size(); i++) {
            String problem = baseUrlProblem(urls.get(i));
            if (problem != null) {
                throw new IllegalArgumentException("field 'target.urls[" + i + "]' " + problem);
            }
        }
    }

    /** The first base URL, what {@code {{target.url}}} renders to; null if the target has none. */
    public String url() {
        return urls.isEmpty() ? null : urls.getFirst();
    }

    /**
     * Why a URL cannot be a target's base URL, or null if it can: absolute http(s) with a host, no
     * credentials, query or fragment, so that whatever a playbook appends is a path below it.
     */
    public static String baseUrlProblem(String url) {
        if (url == null || url.isBlank()) {
            return "must be an http(s) URL, was blank";
        }
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
            return "must not carry credentials; use {{secrets.<name>}} in the playbook's headers";
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return "must not have a query or fragment, was '" + url + "'";
        }
        return null;
    }
}
