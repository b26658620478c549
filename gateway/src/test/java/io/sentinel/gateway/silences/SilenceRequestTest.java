package io.sentinel.gateway.silences;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SilenceRequestTest {

    private static final Instant NOW = Instant.parse("2026-03-01T03:00:00Z");
    private static final SilenceProperties LIMITS = new SilenceProperties(Duration.ofDays(7), Duration.ofHours(24));
    private static final Map<String, String> SHOP = Map.of("service", "shop");

    @Test
    void aDurationRunsFromNowWhenNoStartIsGiven() {
        NewSilence silence = new SilenceRequest(SHOP, "2h", null, null, "  deploying the fix  ").validate(NOW, LIMITS);
        assertThat(silence.startsAt()).isEqualTo(NOW);
        assertThat(silence.endsAt()).isEqualTo(NOW.plus(Duration.ofHours(2)));
        assertThat(silence.matchers()).isEqualTo(SHOP);
        assertThat(silence.comment()).isEqualTo("deploying the fix");
    }

    @Test
    void aDurationRunsFromTheGivenStart() {
        Instant start = NOW.plus(Duration.ofHours(1));
        NewSilence silence = new SilenceRequest(SHOP, "30m", start, null, "maintenance window").validate(NOW, LIMITS);
        assertThat(silence.startsAt()).isEqualTo(start);
        assertThat(silence.endsAt()).isEqualTo(start.plus(Duration.ofMinutes(30)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"90m", "PT1H30M", " 90m "})
    void readsDurationsInTheConfigurationsStyleAndIso8601(String duration) {
        assertThat(new SilenceRequest(SHOP, duration, null, null, "x").validate(NOW, LIMITS).endsAt())
                .isEqualTo(NOW.plus(Duration.ofMinutes(90)));
    }

    @Test
    void anEndTimeCanBeGivenInsteadOfADuration() {
        Instant end = NOW.plus(Duration.ofHours(5));
        assertThat(new SilenceRequest(SHOP, null, null, end, "x").validate(NOW, LIMITS).endsAt()).isEqualTo(end);
    }

    @Test
    void keepsTheMatchersInTheOrderGiven() {
        Map<String, String> matchers = new LinkedHashMap<>();
        matchers.put("service", "shop|cart");
        matchers.put("environment", "production");
        matchers.put("rule", "memory-.*");
        assertThat(new SilenceRequest(matchers, "1h", null, null, "x").validate(NOW, LIMITS).matchers().keySet())
                .containsExactly("service", "environment", "rule");
    }

    @Test
    void oneMatcherThatNeedsAValueIsEnoughEvenBesideOnesThatAcceptAnything() {
        Map<String, String> matchers = new LinkedHashMap<>();
        matchers.put("node", ".*");
        matchers.put("service", "shop");
        assertThat(new SilenceRequest(matchers, "1h", null, null, "x").validate(NOW, LIMITS).matchers()).hasSize(2);
    }

    @Test
    void mayLastExactlyTheLongestAllowed() {
        assertThat(new SilenceRequest(SHOP, "7d", null, null, "x").validate(NOW, LIMITS).endsAt()).isEqualTo(NOW.plus(Duration.ofDays(7)));
    }

    @Test
    void theLongestAllowedIsConfigurable() {
        SilenceProperties oneHour = new SilenceProperties(Duration.ofHours(1), Duration.ofHours(24));
        assertThatThrownBy(() -> new SilenceRequest(SHOP, "2h", null, null, "x").validate(NOW, oneHour))
                .isInstanceOf(InvalidSilenceException.class)
                .hasMessage("a silence may last at most 1h (sentinel.gateway.silences.max-duration); this one would last 2h");
    }

    static Stream<Arguments> invalidRequests() {
        Map<String, String> blankLabel = new LinkedHashMap<>(Map.of(" ", "shop"));
        Map<String, String> noRegex = new LinkedHashMap<>();
        noRegex.put("service", null);
        Map<String, String> badRegex = new LinkedHashMap<>();
        badRegex.put("environment", "production");
        badRegex.put("service", "shop(");
        Map<String, String> matchEverything = new LinkedHashMap<>();
        matchEverything.put("service", ".*");
        matchEverything.put("environment", "|production");
        return Stream.of(
                Arguments.of("no matchers", new SilenceRequest(null, "2h", null, null, "x"),
                        "matchers needs at least one label matcher, e.g. {\"service\": \"shop\"}"),
                Arguments.of("empty matchers", new SilenceRequest(Map.of(), "2h", null, null, "x"),
                        "matchers needs at least one label matcher, e.g. {\"service\": \"shop\"}"),
                Arguments.of("blank label", new SilenceRequest(blankLabel, "2h", null, null, "x"), "matchers has a blank label name"),
                Arguments.of("no regex", new SilenceRequest(noRegex, "2h", null, null, "x"), "matchers.service needs a regular expression"),
                Arguments.of("bad regex", new SilenceRequest(badRegex, "2h", null, null, "x"),
                        "matchers.service is not a valid regular expression (RE2 syntax: no look-around, no back-references): "
                                + "missing closing )"),
                Arguments.of("a look-around the detector's engine refuses", new SilenceRequest(Map.of("rule", "(?!memory).*"), "2h", null,
                        null, "x"), "matchers.rule is not a valid regular expression (RE2 syntax: no look-around, no back-references): "
                        + "invalid or unsupported Perl syntax"),
                Arguments.of("a back-reference", new SilenceRequest(Map.of("rule", "(a)\\1"), "2h", null, null, "x"),
                        "matchers.rule is not a valid regular expression (RE2 syntax: no look-around, no back-references): "
                                + "invalid escape sequence"),
                Arguments.of("a pattern too long to match cheaply", new SilenceRequest(Map.of("rule", "a".repeat(1025)), "2h", null, null,
                        "x"), "matchers.rule is longer than 1024 characters"),
                Arguments.of("a pattern that compiles too large", new SilenceRequest(Map.of("rule", "((a{100}){100}){100}"), "2h", null, null,
                        "x"), "matchers.rule is too large to match cheaply"),
                Arguments.of("matches everything", new SilenceRequest(matchEverything, "2h", null, null, "x"),
                        "at least one matcher must not match an empty value; as they are, they would also silence every incident "
                                + "that lacks these labels"),
                Arguments.of("no comment", new SilenceRequest(SHOP, "2h", null, null, null),
                        "field 'comment' is required: say why, for whoever finds this silence next"),
                Arguments.of("blank comment", new SilenceRequest(SHOP, "2h", null, null, " \t"),
                        "field 'comment' is required: say why, for whoever finds this silence next"),
                Arguments.of("endless comment", new SilenceRequest(SHOP, "2h", null, null, "x".repeat(1001)),
                        "field 'comment' must be at most 1000 characters, was 1001"),
                Arguments.of("no end", new SilenceRequest(SHOP, null, null, null, "x"),
                        "field 'duration' (e.g. \"2h\") or 'endsAt' is required: a silence must end"),
                Arguments.of("blank duration and no end", new SilenceRequest(SHOP, " ", null, null, "x"),
                        "field 'duration' (e.g. \"2h\") or 'endsAt' is required: a silence must end"),
                Arguments.of("two ends", new SilenceRequest(SHOP, "2h", null, NOW.plusSeconds(60), "x"),
                        "give either 'duration' or 'endsAt', not both"),
                Arguments.of("a duration far too large", new SilenceRequest(SHOP, "99999999999999999999d", null, null, "x"),
                        "field 'duration' must be a duration such as 30m, 2h or 1d, was '99999999999999999999d'"),
                Arguments.of("unreadable duration", new SilenceRequest(SHOP, "soon", null, null, "x"),
                        "field 'duration' must be a duration such as 30m, 2h or 1d, was 'soon'"),
                Arguments.of("two units", new SilenceRequest(SHOP, "1h30m", null, null, "x"),
                        "field 'duration' must be a duration such as 30m, 2h or 1d, was '1h30m'"),
                Arguments.of("zero duration", new SilenceRequest(SHOP, "0s", null, null, "x"), "field 'duration' must be positive, was '0s'"),
                Arguments.of("negative duration", new SilenceRequest(SHOP, "-2h", null, null, "x"),
                        "field 'duration' must be positive, was '-2h'"),
                Arguments.of("ended already", new SilenceRequest(SHOP, null, null, NOW, "x"),
                        "the silence must end in the future: endsAt 2026-03-01T03:00:00Z has passed"),
                Arguments.of("ended already, started long ago", new SilenceRequest(SHOP, "1h", NOW.minusSeconds(7200), null, "x"),
                        "the silence must end in the future: endsAt 2026-03-01T02:00:00Z has passed"),
                Arguments.of("ends before it starts",
                        new SilenceRequest(SHOP, null, NOW.plusSeconds(7200), NOW.plusSeconds(3600), "x"),
                        "the silence must end after it starts: endsAt 2026-03-01T04:00:00Z is not after startsAt 2026-03-01T05:00:00Z"),
                Arguments.of("too long by duration", new SilenceRequest(SHOP, "8d", null, null, "x"),
                        "a silence may last at most 7d (sentinel.gateway.silences.max-duration); this one would last 8d"),
                Arguments.of("too long by end", new SilenceRequest(SHOP, null, null, NOW.plus(Duration.ofDays(7)).plusSeconds(60), "x"),
                        "a silence may last at most 7d (sentinel.gateway.silences.max-duration); this one would last 10081m"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRequests")
    void refusesWhatTheDetectorWouldNotApplyAsMeant(String scenario, SilenceRequest request, String message) {
        assertThatThrownBy(() -> request.validate(NOW, LIMITS)).isInstanceOf(InvalidSilenceException.class).hasMessageStartingWith(message);
    }
}
