package io.sentinel.collector.exposition;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.collector.PrometheusFixtures;
import io.sentinel.collector.series.Sample;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExpositionParserTest {

    @Test
    void readsEverySampleOfARealNodeExporterCapture() {
        Exposition exposition = ExpositionParser.parse(PrometheusFixtures.read(PrometheusFixtures.NODE_EXPORTER), "fixture");

        assertThat(exposition.samples()).hasSize(94);
        assertThat(exposition.malformedLines()).isZero();
        assertThat(exposition.nonFiniteValues()).isZero();
        assertThat(exposition.samples()).allSatisfy(sample -> assertThat(sample.timestamp()).isNull());
        assertThat(value(exposition, "node_cpu_seconds_total", Map.of("cpu", "0", "mode", "idle"))).isEqualTo(238.66);
        assertThat(value(exposition, "node_cpu_seconds_total", Map.of("cpu", "1", "mode", "user"))).isEqualTo(41.86);
        assertThat(value(exposition, "go_gc_duration_seconds", Map.of("quantile", "0.25"))).isEqualTo(4.3011e-05);
        assertThat(value(exposition, "go_gc_duration_seconds_count", Map.of())).isEqualTo(12);
        assertThat(value(exposition, "go_memstats_last_gc_time_seconds", Map.of())).isEqualTo(1.79544275112781e9);
        assertThat(value(exposition, "node_disk_io_time_seconds_total", Map.of("device", "vda"))).isEqualTo(7.0360000000000005);
        assertThat(value(exposition, "node_disk_info", Map.of("device", "vda", "major", "254", "minor", "0", "model", "", "path", "",
                "revision", "", "serial", "", "wwn", ""))).as("empty label values are values").isEqualTo(1);
        assertThat(value(exposition, "go_info", Map.of("version", "go1.19.8"))).isEqualTo(1);
    }

    @Test
    void readsTheMemorySeriesOfARealNodeExporterCapture() {
        Exposition exposition = ExpositionParser.parse(PrometheusFixtures.read(PrometheusFixtures.NODE_EXPORTER_CPU_MEMORY), "fixture");

        assertThat(exposition.samples()).hasSize(22);
        assertThat(exposition.malformedLines()).isZero();
        assertThat(value(exposition, "node_memory_MemAvailable_bytes", Map.of())).isEqualTo(24_733_892_608.0);
        assertThat(value(exposition, "node_memory_MemTotal_bytes", Map.of())).isEqualTo(25_276_063_744.0);
        assertThat(value(exposition, "node_filesystem_size_bytes", Map.of("device", "/dev/vda", "fstype", "ext4", "mountpoint", "/")))
                .isEqualTo(270_553_174_016.0);
        assertThat(value(exposition, "node_load1", Map.of())).isEqualTo(0.85);
    }

    static Stream<Arguments> wellFormed() {
        Instant millis = Instant.ofEpochMilli(1_763_906_735_860L);
        return Stream.of(
                Arguments.of("empty input", "", List.of()),
                Arguments.of("only comments and blank lines", "# HELP up Whether it is up.\n# TYPE up gauge\n\n# any comment\n   \n", List.of()),
                Arguments.of("a metric without labels", "up 1\n", List.of(sample("up", Map.of(), 1))),
                Arguments.of("no newline after the last line", "up 1", List.of(sample("up", Map.of(), 1))),
                Arguments.of("escaped backslash, quote and newline in a label value", "msg{text=\"a\\\\b \\\"q\\\" one\\ntwo\"} 1",
                        List.of(sample("msg", Map.of("text", "a\\b \"q\" one\ntwo"), 1))),
                Arguments.of("braces, commas and equals signs inside a label value", "x{path=\"/a{b},c=d\"} 1",
                        List.of(sample("x", Map.of("path", "/a{b},c=d"), 1))),
                Arguments.of("UTF-8 in a label value", "x{city=\"Zürich\"} 1", List.of(sample("x", Map.of("city", "Zürich"), 1))),
                Arguments.of("a trailing comma in the label set", "x{a=\"1\",} 2", List.of(sample("x", Map.of("a", "1"), 2))),
                Arguments.of("blanks around label tokens", "x { a = \"1\" , b=\"2\" } 3", List.of(sample("x", Map.of("a", "1", "b", "2"), 3))),
                Arguments.of("an empty label set", "x{} 4", List.of(sample("x", Map.of(), 4))),
                Arguments.of("no blank between the label set and the value", "x{a=\"1\"}5", List.of(sample("x", Map.of("a", "1"), 5))),
                Arguments.of("scientific notation", "a 1.5e+09\nb -2E-3\nc 8.478195712e+10",
                        List.of(sample("a", Map.of(), 1.5e9), sample("b", Map.of(), -0.002), sample("c", Map.of(), 84_781_957_120.0))),
                Arguments.of("signs and bare fractions", "a +7\nb -3\nc .5", List.of(sample("a", Map.of(), 7), sample("b", Map.of(), -3),
                        sample("c", Map.of(), 0.5))),
                Arguments.of("a millisecond timestamp", "x{a=\"1\"} 2 1763906735860",
                        List.of(new Sample("x", Map.of("a", "1"), 2, millis))),
                Arguments.of("a negative timestamp", "x 2 -1000", List.of(new Sample("x", Map.of(), 2, Instant.parse("1969-12-31T23:59:59Z")))),
                Arguments.of("tabs as separators and trailing blanks", "x\t2\t1763906735860 \t",
                        List.of(new Sample("x", Map.of(), 2, millis))),
                Arguments.of("CRLF line endings", "a 1\r\nb 2\r\n", List.of(sample("a", Map.of(), 1), sample("b", Map.of(), 2))),
                Arguments.of("indented lines", "  # TYPE a gauge\n  a 1", List.of(sample("a", Map.of(), 1))),
                Arguments.of("colons in a recording rule's name", "job:requests:rate5m 3", List.of(sample("job:requests:rate5m", Map.of(), 3))),
                Arguments.of("+Inf as a label value is just text", "h_bucket{le=\"+Inf\"} 17", List.of(sample("h_bucket", Map.of("le", "+Inf"), 17))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wellFormed")
    void readsWellFormedText(String scenario, String text, List<Sample> expected) {
        Exposition exposition = ExpositionParser.parse(text, "test");

        assertThat(exposition.samples()).containsExactlyElementsOf(expected);
        assertThat(exposition.malformedLines()).isZero();
        assertThat(exposition.nonFiniteValues()).isZero();
        assertThat(exposition.unreadable()).isFalse();
    }

    static Stream<Arguments> nonFinite() {
        return Stream.of(
                Arguments.of("NaN", "x NaN"),
                Arguments.of("+Inf", "x +Inf"),
                Arguments.of("-Inf", "x{a=\"1\"} -Inf 1763906735860"),
                Arguments.of("Inf without a sign", "x Inf"),
                Arguments.of("Go's other spelling of infinity", "x -infinity"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nonFinite")
    void dropsAndCountsNonFiniteValues(String scenario, String line) {
        Exposition exposition = ExpositionParser.parse(line + "\nok 1\n", "test");

        assertThat(exposition.samples()).containsExactly(sample("ok", Map.of(), 1));
        assertThat(exposition.nonFiniteValues()).isEqualTo(1);
        assertThat(exposition.malformedLines()).isZero();
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("no value", "x"),
                Arguments.of("no value after the label set", "x{a=\"1\"}"),
                Arguments.of("unterminated label value", "x{a=\"1} 2"),
                Arguments.of("unterminated label set", "x{a=\"1\" 2"),
                Arguments.of("an escape the format does not have", "x{a=\"\\t\"} 1"),
                Arguments.of("an unquoted label value", "x{a=1} 2"),
                Arguments.of("a label given twice", "x{a=\"1\",a=\"2\"} 3"),
                Arguments.of("a label name with a dash", "x{a-b=\"1\"} 1"),
                Arguments.of("a metric name starting with a digit", "1x 1"),
                Arguments.of("a dash in a metric name", "x-y 1"),
                Arguments.of("a value that is no number", "x abc"),
                Arguments.of("Java's type suffix on a value", "x 1.0d"),
                Arguments.of("a hexadecimal value", "x 0x1p3"),
                Arguments.of("a fractional timestamp", "x 1 1.5"),
                Arguments.of("a timestamp beyond 64 bits", "x 1 99999999999999999999"),
                Arguments.of("text after the timestamp", "x 1 1000 extra"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void skipsAndCountsAMalformedLineAndReadsTheRest(String scenario, String line) {
        Exposition exposition = ExpositionParser.parse("before 1\n" + line + "\nafter 2\n", "test");

        assertThat(exposition.samples()).containsExactly(sample("before", Map.of(), 1), sample("after", Map.of(), 2));
        assertThat(exposition.malformedLines()).isEqualTo(1);
        assertThat(exposition.unreadable()).isFalse();
    }

    @Test
    void aPageOfSomethingElseIsUnreadable() {
        Exposition exposition = ExpositionParser.parse("<html>\n<body>502 Bad Gateway</body>\n</html>\n", "test");

        assertThat(exposition.samples()).isEmpty();
        assertThat(exposition.malformedLines()).isEqualTo(3);
        assertThat(exposition.unreadable()).isTrue();
    }

    @Test
    void textWithOnlyNonFiniteValuesIsReadable() {
        assertThat(ExpositionParser.parse("x NaN\n", "test").unreadable()).isFalse();
    }

    private static Sample sample(String name, Map<String, String> labels, double value) {
        return new Sample(name, labels, value);
    }

    private static double value(Exposition exposition, String name, Map<String, String> labels) {
        List<Sample> matches = exposition.samples().stream()
                .filter(sample -> sample.name().equals(name) && sample.labels().equals(labels))
                .toList();
        assertThat(matches).as("series %s%s", name, labels).hasSize(1);
        return matches.getFirst().value();
    }
}
