package io.sentinel.executor.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.executor.http.TemplateRenderer.Rendering;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TemplateRendererTest {

    private static final TemplateVariables VARIABLES = new TemplateVariables(
            Map.of("instance", "shop-1:8080", "environment", "staging"), Map.of("reason", "memory-usage-high"),
            "inc-42", "shop", "{\"cacheSize\": 512, \"note\": \"costs $5 {{not.a.variable}}\"}");
    private static final TemplateVariables NO_SNAPSHOT = new TemplateVariables(Map.of(), Map.of(), "inc-42", "shop", null);

    static Stream<Arguments> renders() {
        return Stream.of(
                Arguments.of("text without variables stays as it is", "http://shop/health", VARIABLES, "http://shop/health"),
                Arguments.of("labels and params fill a URL", "http://{{labels.instance}}/actions/release?reason={{params.reason}}", VARIABLES,
                        "http://shop-1:8080/actions/release?reason=memory-usage-high"),
                Arguments.of("incident id and resource", "{{incident.id}} on {{incident.resource}}", VARIABLES, "inc-42 on shop"),
                Arguments.of("spaces inside the braces are allowed", "{{ labels.environment }}", VARIABLES, "staging"),
                Arguments.of("the snapshot body goes in verbatim, its $ and braces untouched", "{{snapshot.body}}", VARIABLES,
                        "{\"cacheSize\": 512, \"note\": \"costs $5 {{not.a.variable}}\"}"),
                Arguments.of("the same variable twice", "{{incident.id}}/{{incident.id}}", VARIABLES, "inc-42/inc-42"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void fillsInEveryVariable(String scenario, String template, TemplateVariables variables, String expected) {
        assertThat(TemplateRenderer.render(template, variables)).isEqualTo(new Rendering.Rendered(expected));
    }

    static Stream<Arguments> refuses() {
        return Stream.of(
                Arguments.of("a label the incident does not have", "http://{{labels.pod}}/x", VARIABLES, "{{labels.pod}}", "no label 'pod'"),
                Arguments.of("a parameter the action does not set", "?n={{params.replicas}}", VARIABLES, "{{params.replicas}}",
                        "no parameter 'replicas'"),
                Arguments.of("the snapshot body before any snapshot", "{{snapshot.body}}", NO_SNAPSHOT, "{{snapshot.body}}",
                        "no snapshot was taken"),
                Arguments.of("an unknown root", "{{env.HOME}}", VARIABLES, "{{env.HOME}}", "unknown variable"),
                Arguments.of("an unknown incident field", "{{incident.owner}}", VARIABLES, "{{incident.owner}}", "unknown variable"),
                Arguments.of("one missing variable among known ones", "http://{{labels.instance}}/{{labels.pod}}", VARIABLES,
                        "{{labels.pod}}", "no label 'pod'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refuses")
    void refusesTheWholeTemplateWhenAVariableHasNoValue(String scenario, String template, TemplateVariables variables, String variable,
                                                        String why) {
        Rendering rendering = TemplateRenderer.render(template, variables);

        assertThat(rendering).isInstanceOfSatisfying(Rendering.Refused.class,
                refused -> assertThat(refused.reason()).contains(variable).contains(why));
    }
}
