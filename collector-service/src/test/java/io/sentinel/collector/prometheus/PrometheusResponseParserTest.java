package io.sentinel.collector.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.collector.PrometheusFixtures;
import io.sentinel.collector.prometheus.PrometheusAnswer.Data;
import io.sentinel.collector.prometheus.PrometheusAnswer.Failed;
import io.sentinel.collector.prometheus.PrometheusAnswer.Point;
import io.sentinel.collector.prometheus.PrometheusAnswer.ResultType;
import io.sentinel.collector.prometheus.PrometheusAnswer.Series;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PrometheusResponseParserTest {

    private static final Instant T = Instant.ofEpochSecond(1_795_442_740);

    @Test
    void readsAnInstantVectorAsPrometheusAnsweredIt() {
        PrometheusAnswer answer = PrometheusResponseParser.parse(200, PrometheusFixtures.bytes(PrometheusFixtures.QUERY_UP));

        Instant evaluatedAt = Instant.ofEpochMilli(1_795_442_750_745L);
        assertThat(answer).isEqualTo(new Data(ResultType.VECTOR, List.of(
                new Series(Map.of("__name__", "up", "instance", "127.0.0.1:19090", "job", "prometheus"), List.of(new Point(evaluatedAt, 1))),
                new Series(Map.of("__name__", "up", "instance", "127.0.0.1:19100", "job", "node"), List.of(new Point(evaluatedAt, 1)))),
                List.of(), 0));
    }

    @Test
    void readsAMatrixOfTwoSeriesWithTheirPointsInOrder() {
        Data answer = (Data) PrometheusResponseParser.parse(200, PrometheusFixtures.bytes(PrometheusFixtures.QUERY_RANGE_UP));

        assertThat(answer.resultType()).isEqualTo(ResultType.MATRIX);
        assertThat(answer.series()).extracting(series -> series.labels().get("job")).containsExactly("prometheus", "node");
        assertThat(answer.series()).allSatisfy(series -> assertThat(series.points()).extracting(Point::at)
                .containsExactly(T, T.plusSeconds(2), T.plusSeconds(4), T.plusSeconds(6), T.plusSeconds(8), T.plusSeconds(10)));
        assertThat(answer.series()).flatExtracting(Series::points).extracting(Point::value).containsOnly(1.0);
    }

    @Test
    void readsTheValuesOfAMatrixFromTheirStrings() {
        Data answer = (Data) PrometheusResponseParser.parse(200, PrometheusFixtures.bytes(PrometheusFixtures.QUERY_RANGE_CPU));

        assertThat(answer.series()).singleElement().satisfies(series -> {
            assertThat(series.labels()).isEqualTo(Map.of("instance", "127.0.0.1:19100"));
            assertThat(series.points()).extracting(Point::value)
                    .containsExactly(0.8749615000000004, 0.8352246666666668, 0.7784447499999999, 0.7356511333333334, 0.7333690277777773,
                            0.6874970714285711);
            assertThat(series.points().getLast().at()).isEqualTo(Instant.ofEpochSecond(1_795_442_750));
        });
    }

    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of("an empty vector (a histogram that does not exist)", 200,
                        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}",
                        new Data(ResultType.VECTOR, List.of(), List.of(), 0)),
                Arguments.of("non-finite values are skipped and counted, finite ones kept", 200, """
                        {"status":"success","data":{"resultType":"vector","result":[
                          {"metric":{"instance":"a"},"value":[1795442750,"NaN"]},
                          {"metric":{"instance":"b"},"value":[1795442750,"+Inf"]},
                          {"metric":{"instance":"c"},"value":[1795442750,"-Inf"]},
                          {"metric":{"instance":"d"},"value":[1795442750,"-0.25"]},
                          {"metric":{"instance":"e"},"value":[1795442750,"1e-3"]}]}}""",
                        new Data(ResultType.VECTOR, List.of(
                                new Series(Map.of("instance", "d"), List.of(new Point(Instant.ofEpochSecond(1_795_442_750), -0.25))),
                                new Series(Map.of("instance", "e"), List.of(new Point(Instant.ofEpochSecond(1_795_442_750), 0.001)))),
                                List.of(), 3)),
                Arguments.of("a matrix series keeps its finite points", 200, """
                        {"status":"success","data":{"resultType":"matrix","result":[
                          {"metric":{"instance":"a"},"values":[[1795442740,"NaN"],[1795442742,"0.5"]]}]}}""",
                        new Data(ResultType.MATRIX, List.of(
                                new Series(Map.of("instance", "a"), List.of(new Point(T.plusSeconds(2), 0.5)))), List.of(), 1)),
                Arguments.of("warnings come with the data", 200, """
                        {"status":"success","warnings":["PromQL info: metric might not be a counter","partial response"],
                         "data":{"resultType":"vector","result":[]}}""",
                        new Data(ResultType.VECTOR, List.of(), List.of("PromQL info: metric might not be a counter", "partial response"), 0)),
                Arguments.of("a scalar is one series without labels", 200,
                        "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1795442740.5,\"42\"]}}",
                        new Data(ResultType.SCALAR, List.of(new Series(Map.of(), List.of(new Point(T.plusMillis(500), 42)))), List.of(), 0)),
                Arguments.of("a string is no series", 200,
                        "{\"status\":\"success\",\"data\":{\"resultType\":\"string\",\"result\":[1795442740,\"hello\"]}}",
                        new Data(ResultType.STRING, List.of(), List.of(), 0)),
                Arguments.of("a bad query, in Prometheus' own words", 400,
                        "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter \\\"query\\\": 1:9: parse error: unclosed left parenthesis\"}",
                        new Failed("bad_data: invalid parameter \"query\": 1:9: parse error: unclosed left parenthesis (HTTP 400)", true)),
                Arguments.of("a query Prometheus gave up on", 503,
                        "{\"status\":\"error\",\"errorType\":\"timeout\",\"error\":\"query timed out in expression evaluation\"}",
                        new Failed("timeout: query timed out in expression evaluation (HTTP 503)", true)),
                Arguments.of("an execution error", 422,
                        "{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"found duplicate series for the match group\",\"warnings\":[]}",
                        new Failed("execution: found duplicate series for the match group (HTTP 422)", true)),
                Arguments.of("a proxy's HTML error page", 502, "<html><body>Bad Gateway</body></html>",
                        new Failed("HTTP 502 without a Prometheus API answer", true)),
                Arguments.of("something that is not Prometheus answering 200", 200, "<html>login</html>",
                        new Failed("not a Prometheus API answer: Unexpected character ('<' (code 60)): expected a valid value (JSON String, Number, "
                                + "Array, Object or token 'null', 'true' or 'false')", true)),
                Arguments.of("JSON without a status", 200, "{\"data\":{}}",
                        new Failed("not a Prometheus API answer: no status success or error", true)),
                Arguments.of("an unknown result type", 200, "{\"status\":\"success\",\"data\":{\"resultType\":\"tensor\",\"result\":[]}}",
                        new Failed("malformed Prometheus answer: unknown data.resultType 'tensor'", true)),
                Arguments.of("a value that is not a number", 200, """
                        {"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1795442750,"lots"]}]}}""",
                        new Failed("malformed Prometheus answer: data.result[].value value 'lots' is not a number", true)),
                Arguments.of("a value that is not a pair", 200, """
                        {"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":"1"}]}}""",
                        new Failed("malformed Prometheus answer: data.result[].value is not a [timestamp, \"value\"] pair", true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void readsWhatPrometheusAnswers(String scenario, int status, String body, PrometheusAnswer expected) {
        assertThat(PrometheusResponseParser.parse(status, body.getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);
    }
}
