package io.sentinel.executor.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.events.target.KubernetesRef;
import io.sentinel.events.target.TargetRef;
import io.sentinel.executor.template.RequestRenderer.RequestRendering;
import io.sentinel.playbooks.HttpRequestSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Values are whatever a proposal, a sender or a target's own answer made them: each is tried here at every place it can stand. */
class RequestRendererTest {

    private static final TargetRef SHOP = new TargetRef("shop-prod", "production", List.of("http://shop.internal:8080/api/"),
            new KubernetesRef("shop", "Deployment", "shop-web"));

    static Stream<Arguments> hostileValues() {
        return Stream.of(
                Arguments.of("a quote", "a\"b", "a%22b", "a%22b", "a\\\"b"),
                Arguments.of("a slash", "a/b", "a%2Fb", "a%2Fb", "a/b"),
                Arguments.of("a fragment", "a#b", "a%23b", "a%23b", "a#b"),
                Arguments.of("a query", "a?b=c", "a%3Fb%3Dc", "a%3Fb%3Dc", "a?b=c"),
                Arguments.of("user info", "evil@host", "evil%40host", "evil%40host", "evil@host"),
                Arguments.of("an encoded climb", "%2e%2e", "%252e%252e", "%252e%252e", "%2e%2e"),
                Arguments.of("a climb", "../admin", "..%2Fadmin", "..%2Fadmin", "../admin"),
                Arguments.of("a line break", "a\r\nX-Injected: 1", "a%0D%0AX-Injected%3A%201", "a%0D%0AX-Injected%3A+1",
                        "a\\r\\nX-Injected: 1"),
                Arguments.of("a parameter separator", "a&admin=true", "a%26admin%3Dtrue", "a%26admin%3Dtrue", "a&admin=true"),
                Arguments.of("unicode", "zürich 東京", "z%C3%BCrich%20%E6%9D%B1%E4%BA%AC", "z%C3%BCrich+%E6%9D%B1%E4%BA%AC",
                        "z\\u00fcrich \\u6771\\u4eac"),
                Arguments.of("a semicolon and a colon", "a;b:c", "a%3Bb%3Ac", "a%3Bb%3Ac", "a;b:c"));
    }

    @ParameterizedTest(name = "{0} in a path segment")
    @MethodSource("hostileValues")
    void encodesAValueForAPathSegment(String scenario, String value, String inPath, String inQuery, String inJson) {
        RenderedRequest request = ready(get("{{target.url}}/queues/{{params.v}}/drain"), value);

        assertThat(request.url().getRawPath()).isEqualTo("/api/queues/" + inPath + "/drain");
        assertThat(request.url().getHost()).isEqualTo("shop.internal");
        assertThat(request.url().getPort()).isEqualTo(8080);
        assertThat(request.url().getRawQuery()).isNull();
        assertThat(request.url().getRawFragment()).isNull();
    }

    @ParameterizedTest(name = "{0} in a query value")
    @MethodSource("hostileValues")
    void encodesAValueForAQueryComponent(String scenario, String value, String inPath, String inQuery, String inJson) {
        RenderedRequest request = ready(get("{{target.url}}/drain?queue={{params.v}}&mode=soft"), value);

        assertThat(request.url().getRawQuery()).isEqualTo("queue=" + inQuery + "&mode=soft");
        assertThat(request.url().getRawFragment()).isNull();
    }

    @ParameterizedTest(name = "{0} in a fragment")
    @MethodSource("hostileValues")
    void encodesAValueForAFragment(String scenario, String value, String inPath, String inQuery, String inJson) {
        RenderedRequest request = ready(get("{{target.url}}/drain#{{params.v}}"), value);

        assertThat(request.url().getRawFragment()).isEqualTo(inQuery);
        assertThat(request.url().getRawPath()).isEqualTo("/api/drain");
    }

    @ParameterizedTest(name = "{0} inside a JSON string")
    @MethodSource("hostileValues")
    void escapesAValueInsideAJsonString(String scenario, String value, String inPath, String inQuery, String inJson) {
        RenderedRequest request = ready(post("application/json", "{\"queue\": \"{{params.v}}\", \"soft\": true}"), value);

        assertThat(request.body()).isEqualTo("{\"queue\": \"" + inJson + "\", \"soft\": true}");
    }

    @ParameterizedTest(name = "{0} in a form body")
    @MethodSource("hostileValues")
    void formEncodesAValueInAFormBody(String scenario, String value, String inPath, String inQuery, String inJson) {
        RenderedRequest request = ready(post("application/x-www-form-urlencoded", "queue={{params.v}}&soft=true"), value);

        assertThat(request.body()).isEqualTo("queue=" + inQuery + "&soft=true");
    }

    @ParameterizedTest(name = "{0} outside a JSON string")
    @MethodSource("hostileValues")
    void refusesAValueOutsideAJsonStringUnlessItIsAJsonScalar(String scenario, String value, String inPath, String inQuery,
                                                               String inJson) {
        assertThat(refusal(post("application/json", "{\"count\": {{params.v}}}"), value))
                .contains("{{params.v}} stands outside a JSON string").contains("must be a JSON number, true, false or null");
    }

    @Test
    void insertsJsonScalarsOutsideStrings() {
        for (String scalar : List.of("0", "-12", "3.25", "1e9", "true", "false", "null")) {
            assertThat(ready(post("application/json", "{\"count\": {{params.v}}}"), scalar).body()).isEqualTo("{\"count\": " + scalar + "}");
        }
        assertThat(refusal(post("application/json", "{\"count\": {{params.v}}}"), "1, \"admin\": true")).contains("outside a JSON string");
        assertThat(refusal(post("application/json", "{\"count\": {{params.v}}}"), "NaN")).contains("outside a JSON string");
    }

    @Test
    void followsStringsAcrossEscapedQuotesInTheTemplate() {
        RenderedRequest request = ready(post("application/json", "{\"note\": \"say \\\"{{params.v}}\\\"\", \"n\": {{params.n}}}"),
                "hi\"", "3");

        assertThat(request.body()).isEqualTo("{\"note\": \"say \\\"hi\\\"\\\"\", \"n\": 3}");
    }

    @Test
    void refusesHeaderValuesThatWouldHoldControlCharacters() {
        for (String value : List.of("a\r\nX-Injected: 1", "a\nb", "a\rb", "a\u0000b", "a\tb", "a\u007fb")) {
            assertThat(refusal(new HttpRequestSpec("GET", "{{target.url}}/x", Map.of("X-Reason", "{{params.v}}"), null, null, null), value))
                    .isEqualTo("the value of header X-Reason would hold a control character (such as CR or LF)");
        }
        assertThat(refusal(new HttpRequestSpec("GET", "{{target.url}}/x", Map.of("X-Reason", "{{params.v}}"), null, null, null), "zürich"))
                .contains("outside printable ASCII");
        assertThat(ready(new HttpRequestSpec("GET", "{{target.url}}/x", Map.of("X-Reason", "why: {{params.v}}"), null, null, null),
                "a\"b/c?d#e@f").headers()).containsEntry("X-Reason", "why: a\"b/c?d#e@f");
    }

    @Test
    void refusesAPathThatWouldClimbOutOfThePlaybooksPath() {
        assertThat(refusal(get("{{target.url}}/queues/{{params.v}}/drain"), "..")).contains("'..' segment");
        assertThat(refusal(get("{{target.url}}/queues/{{params.v}}/drain"), ".")).contains("'.' segment");
        assertThat(refusal(get("{{target.url}}/queues/{{params.v}}{{params.n}}/drain"), ".", ".")).contains("'..' segment");
        assertThat(ready(get("{{target.url}}/queues/{{params.v}}/drain"), "...").url().getRawPath()).isEqualTo("/api/queues/.../drain");
    }

    @Test
    void onlyTheTargetUrlNamesTheHostAndOnlyFirst() {
        assertThat(refusal(get("{{params.v}}/x"), "http://evil.com")).contains("only {{target.url}} may name the scheme and host");
        assertThat(refusal(get("http://proxy/{{target.url}}"), "x")).contains("{{target.url}} may only be the very first thing");
        assertThat(ready(get("{{target.url}}"), "x").url().toString()).isEqualTo("http://shop.internal:8080/api");
    }

    @Test
    void rendersTheTargetFromTheInventory() {
        RenderedRequest request = ready(new HttpRequestSpec("POST", "{{target.url}}/scale/{{target.kubernetes.namespace}}/"
                + "{{target.kubernetes.kind}}/{{target.kubernetes.name}}", Map.of("X-Target", "{{target.name}}@{{target.environment}}"),
                null, null, null), "x");

        assertThat(request.url().toString()).isEqualTo("http://shop.internal:8080/api/scale/shop/Deployment/shop-web");
        assertThat(request.headers()).containsEntry("X-Target", "shop-prod@production");
    }

    @Test
    void refusesATargetVariableWhenTheIncidentNamesNoTarget() {
        var variables = new TemplateVariables(Map.of(), Map.of(), "inc-1", "shop", null, null, SecretLookup.NONE);

        assertThat(RequestRenderer.render(get("{{target.url}}/x"), variables)).isEqualTo(new RequestRendering.Refused(
                "{{target.url}} has no value: the incident names no inventory target; this playbook needs one"));
    }

    @Test
    void sendsTheSnapshotBodyAsItWasRead() {
        String snapshot = "{\"cacheSize\": 512, \"note\": \"costs $5 {{not.a.variable}}\\n\"}";
        var variables = new TemplateVariables(Map.of(), Map.of(), "inc-1", "shop", snapshot, SHOP, SecretLookup.NONE);
        var restore = new HttpRequestSpec("PUT", "{{target.url}}/admin/config", Map.of("Content-Type", "application/json"),
                "{{snapshot.body}}", null, null);

        assertThat(RequestRenderer.render(restore, variables)).isInstanceOfSatisfying(RequestRendering.Ready.class,
                ready -> assertThat(ready.request().body()).isEqualTo(snapshot));
        assertThat(RequestRenderer.render(restore, new TemplateVariables(Map.of(), Map.of(), "inc-1", "shop", null, SHOP, null)))
                .isEqualTo(new RequestRendering.Refused("{{snapshot.body}} has no value: no snapshot was taken"));
    }

    @Test
    void refusesTheWholeRequestWhenAnyVariableHasNoValue() {
        var variables = new TemplateVariables(Map.of("instance", "shop-1:8080"), Map.of(), "inc-1", "shop", null, SHOP,
                name -> name.equals("api-token") ? Optional.of("t0ken") : Optional.empty());

        assertThat(RequestRenderer.render(get("{{target.url}}/x/{{labels.pod}}"), variables))
                .isEqualTo(new RequestRendering.Refused("{{labels.pod}} has no value: the incident has no usable label 'pod'"));
        assertThat(RequestRenderer.render(get("{{target.url}}/x/{{secrets.other}}"), variables))
                .isEqualTo(new RequestRendering.Refused("{{secrets.other}} has no value: secret 'other' is not configured"));
        assertThat(RequestRenderer.render(get("{{target.url}}/x/{{target.kubernetes.name}}"),
                new TemplateVariables(Map.of(), Map.of(), "i", "r", null, new TargetRef("vm", "staging", List.of("http://vm:80"), null), null)))
                .isEqualTo(new RequestRendering.Refused("{{target.kubernetes.name}} has no value: target 'vm' has no kubernetes entry "
                        + "in the inventory"));
        assertThat(RequestRenderer.render(get("{{target.url}}/x/{{secrets.api-token}}"), variables))
                .isInstanceOfSatisfying(RequestRendering.Ready.class,
                        ready -> assertThat(ready.request().url().getRawPath()).isEqualTo("/api/x/t0ken"));
    }

    private static HttpRequestSpec get(String url) {
        return new HttpRequestSpec("GET", url, Map.of(), null, null, null);
    }

    private static HttpRequestSpec post(String contentType, String body) {
        return new HttpRequestSpec("POST", "{{target.url}}/x", Map.of("Content-Type", contentType), body, null, null);
    }

    private static RenderedRequest ready(HttpRequestSpec spec, String value) {
        return ready(spec, value, "1");
    }

    private static RenderedRequest ready(HttpRequestSpec spec, String value, String n) {
        RequestRendering rendering = RequestRenderer.render(spec, variables(value, n));
        assertThat(rendering).isInstanceOf(RequestRendering.Ready.class);
        return ((RequestRendering.Ready) rendering).request();
    }

    private static String refusal(HttpRequestSpec spec, String value) {
        return refusal(spec, value, "1");
    }

    private static String refusal(HttpRequestSpec spec, String value, String n) {
        RequestRendering rendering = RequestRenderer.render(spec, variables(value, n));
        assertThat(rendering).isInstanceOf(RequestRendering.Refused.class);
        return ((RequestRendering.Refused) rendering).reason();
    }

    private static TemplateVariables variables(String value, String n) {
        return new TemplateVariables(Map.of(), Map.of("v", value, "n", n), "inc-1", "shop", null, SHOP, SecretLookup.NONE);
    }
}
