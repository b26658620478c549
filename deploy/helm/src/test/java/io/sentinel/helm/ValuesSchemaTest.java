package io.sentinel.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** values.schema.json refuses bad values before anything renders, and says where and why. */
class ValuesSchemaTest {

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("missing Kafka bootstrap servers", "kafka: {bootstrapServers: null}",
                        "at '/kafka': missing property 'bootstrapServers'"),
                Arguments.of("empty Kafka bootstrap servers", "kafka: {bootstrapServers: \"\"}",
                        "at '/kafka/bootstrapServers': minLength: got 0, want 1"),
                Arguments.of("bootstrap servers without a port", "kafka: {bootstrapServers: \"kafka.example.com\"}",
                        "at '/kafka/bootstrapServers': 'kafka.example.com' does not match pattern"),
                Arguments.of("unknown security protocol", "kafka: {securityProtocol: TLS}",
                        "at '/kafka/securityProtocol'"),
                Arguments.of("SASL over a plaintext protocol", "kafka: {sasl: {mechanism: SCRAM-SHA-512, existingSecret: kafka-user}}",
                        "at '/kafka/securityProtocol'"),
                Arguments.of("SASL without a Secret", "kafka: {securityProtocol: SASL_SSL, sasl: {mechanism: PLAIN, existingSecret: \"\"}}",
                        "at '/kafka/sasl/existingSecret': minLength: got 0, want 1"),
                Arguments.of("a number where an integer goes", "database: {poolSize: five}",
                        "at '/database/poolSize': got string, want integer"),
                Arguments.of("not a JDBC URL", "database: {url: \"postgres://db:5432/sentinel\"}",
                        "at '/database/url': 'postgres://db:5432/sentinel' does not match pattern '^jdbc:postgresql://'"),
                Arguments.of("a misspelt top-level key", "kafak: {bootstrapServers: \"kafka:9092\"}",
                        "additional properties 'kafak' not allowed"),
                Arguments.of("a misspelt nested key", "executor: {kubernetes: {namespace: [shop]}}",
                        "at '/executor/kubernetes': additional properties 'namespace' not allowed"),
                Arguments.of("an autoscaler for a service that must not scale out", "collector: {autoscaling: {enabled: true}}",
                        "at '/collector': additional properties 'autoscaling' not allowed"),
                Arguments.of("a memory limit removed", "defaults: {resources: {limits: null}}",
                        "at '/defaults/resources': missing property 'limits'"),
                Arguments.of("a Secret name Kubernetes would refuse", "signing: {existingSecret: Sentinel_Signing}",
                        "at '/signing/existingSecret': 'Sentinel_Signing' does not match pattern"),
                Arguments.of("a webhook without its secret", "notifier: {webhooks: [{name: ops, url: \"https://hooks.example.com\"}]}",
                        "at '/notifier/webhooks/0': missing property 'secret'"),
                Arguments.of("an unknown shipped playbook set", "playbooks: {shipped: [aws]}",
                        "at '/playbooks/shipped/0'"),
                Arguments.of("a namespace that is no DNS label", "executor: {kubernetes: {namespaces: [Shop_NS]}}",
                        "at '/executor/kubernetes/namespaces/0': 'Shop_NS' does not match pattern"),
                Arguments.of("an allowed host without a port", "executor: {http: {allowedHosts: [shop.example.com]}}",
                        "at '/executor/http/allowedHosts/0': 'shop.example.com' does not match pattern ':[0-9]+$'"),
                Arguments.of("an unknown monitoring mode", "monitoring: {prometheusOperator: sometimes}",
                        "at '/monitoring/prometheusOperator'"),
                Arguments.of("a boolean where a list goes", "inventory: {targets: true}",
                        "at '/inventory/targets': got boolean, want array"),
                Arguments.of("a signing key name without the service", "signing: {privateKeyKey: private.key}",
                        "at '/signing/privateKeyKey': 'private.key' does not match pattern"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValues")
    void badValuesAreRefusedSayingWhereAndWhy(String description, String values, String message) {
        String refusal = SentinelChart.defaults().yaml(values).refusal();
        assertThat(refusal).contains("values don't meet the specifications of the schema").contains(message);
    }
}
