package io.sentinel.gateway.silences;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentinel.events.settings.detector.SilenceSetting;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SilenceListTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant NOW = Instant.parse("2026-03-01T03:00:00Z");
    private static final Duration KEEP = Duration.ofHours(24);
    private static final SilenceSetting DEPLOYING = new SilenceSetting("a1b2c3d4e5f6", Map.of("service", "shop"), NOW, NOW.plusSeconds(7200),
            "alice", "deploying the fix");
    private static final Silence DEPLOY = Silence.of(DEPLOYING);

    @Test
    void writesASilenceInTheDetectorsFieldNamesAndNothingElse() {
        JsonNode value = SilenceList.of(Optional.empty()).with(DEPLOYING, NOW, KEEP).toJson();
        assertThat(value).isEqualTo(json("""
                [{"id": "a1b2c3d4e5f6", "matchers": {"service": "shop"}, "starts-at": "2026-03-01T03:00:00Z",
                  "ends-at": "2026-03-01T05:00:00Z", "created-by": "alice", "comment": "deploying the fix"}]"""));
    }

    @Test
    void readsBackWhatItWrote() {
        SilenceList list = SilenceList.of(Optional.of(SilenceList.of(Optional.empty()).with(DEPLOYING, NOW, KEEP).toJson()));
        assertThat(list.silences()).containsExactly(DEPLOY);
        assertThat(list.contains("a1b2c3d4e5f6")).isTrue();
        assertThat(list.contains("ffffffffffff")).isFalse();
    }

    @Test
    void addingKeepsEveryOtherElementAsItWasAndDropsOnlyThoseEndedLongAgo() {
        SilenceList list = SilenceList.of(Optional.of(json("""
                [{"id": "ended-25h-ago", "matchers": {"a": "b"}, "ends-at": "2026-02-28T02:00:00Z"},
                 {"id": "ended-23h-ago", "matchers": {"a": "b"}, "ends-at": "2026-02-28T04:00:00Z", "note": "hand-written"},
                 {"id": "ends-later", "matchers": {"a": "b"}, "ends-at": "2026-03-01T04:00:00+01:00"},
                 {"id": "unreadable-end", "matchers": {"a": "b"}, "ends-at": "tomorrow"},
                 {"id": "no-end", "matchers": {"a": "b"}},
                 "not a silence at all"]""")));

        JsonNode value = list.with(DEPLOYING, NOW, KEEP).toJson();

        assertThat(value.valueStream().map(element -> element.path("id").asString()))
                .containsExactly("ended-23h-ago", "ends-later", "unreadable-end", "no-end", "", "a1b2c3d4e5f6");
        assertThat(value.get(0)).isEqualTo(json("""
                {"id": "ended-23h-ago", "matchers": {"a": "b"}, "ends-at": "2026-02-28T04:00:00Z", "note": "hand-written"}"""));
        assertThat(value.get(4)).isEqualTo(json("\"not a silence at all\""));
    }

    @Test
    void keepingNoExpiredSilencesDropsEveryEndedOne() {
        SilenceList list = SilenceList.of(Optional.of(json("""
                [{"id": "ended", "matchers": {"a": "b"}, "ends-at": "2026-03-01T02:59:59Z"}]""")));
        assertThat(list.with(DEPLOYING, NOW, Duration.ZERO).silences()).containsExactly(DEPLOY);
    }

    @Test
    void listsOnlyElementsWithAnIdReadingWhatItCan() {
        SilenceList list = SilenceList.of(Optional.of(json("""
                [{"matchers": {"a": "b"}, "ends-at": "2026-03-01T04:00:00Z"},
                 {"id": "partial", "matchers": {"a": "b", "c": 1}, "starts-at": "yesterday", "ends-at": "2026-03-01T04:00:00Z"}]""")));
        assertThat(list.silences()).containsExactly(
                new Silence("partial", Map.of("a", "b"), null, Instant.parse("2026-03-01T04:00:00Z"), null, null));
    }

    @Test
    void expiringAnActiveSilenceEndsItNowAndLeavesTheRestAlone() {
        SilenceList list = SilenceList.of(Optional.of(json("""
                [{"id": "other", "matchers": {"a": "b"}, "ends-at": "2026-03-01T06:00:00Z", "note": "kept"},
                 {"id": "active", "matchers": {"a": "b"}, "starts-at": "2026-03-01T02:00:00Z", "ends-at": "2026-03-01T06:00:00Z",
                  "created-by": "bob"}]""")));

        SilenceList.Expiry expiry = list.expire("active", NOW, KEEP).orElseThrow();

        assertThat(expiry.changed()).isTrue();
        assertThat(expiry.silence().endsAt()).isEqualTo(NOW);
        assertThat(expiry.silence().active(NOW)).isFalse();
        assertThat(expiry.list().toJson()).isEqualTo(json("""
                [{"id": "other", "matchers": {"a": "b"}, "ends-at": "2026-03-01T06:00:00Z", "note": "kept"},
                 {"id": "active", "matchers": {"a": "b"}, "starts-at": "2026-03-01T02:00:00Z", "ends-at": "2026-03-01T03:00:00Z",
                  "created-by": "bob"}]"""));
    }

    @Test
    void expiringASilenceThatEndedChangesNothing() {
        SilenceList list = SilenceList.of(Optional.of(json("""
                [{"id": "ended", "matchers": {"a": "b"}, "ends-at": "2026-03-01T01:00:00Z"}]""")));

        SilenceList.Expiry expiry = list.expire("ended", NOW, KEEP).orElseThrow();

        assertThat(expiry.changed()).isFalse();
        assertThat(expiry.silence().endsAt()).isEqualTo(Instant.parse("2026-03-01T01:00:00Z"));
        assertThat(expiry.list().toJson()).isEqualTo(list.toJson());
    }

    @Test
    void expiringASilenceThatHasNotStartedTakesItOutBecauseItNeverApplied() {
        SilenceList list = SilenceList.of(Optional.of(json("""
                [{"id": "tonight", "matchers": {"a": "b"}, "starts-at": "2026-03-01T22:00:00Z", "ends-at": "2026-03-02T02:00:00Z"}]""")));

        SilenceList.Expiry expiry = list.expire("tonight", NOW, KEEP).orElseThrow();

        assertThat(expiry.changed()).isTrue();
        assertThat(expiry.list().toJson()).isEqualTo(json("[]"));
        assertThat(expiry.silence().endsAt()).as("it ends as it would have started").isEqualTo(Instant.parse("2026-03-01T22:00:00Z"));
    }

    @Test
    void expiringAnUnknownSilenceFindsNothing() {
        assertThat(SilenceList.of(Optional.empty()).expire("nope", NOW, KEEP)).isEmpty();
        SilenceList list = SilenceList.of(Optional.of(json("""
                [{"id": "ended-long-ago", "matchers": {"a": "b"}, "ends-at": "2026-02-01T00:00:00Z"}]""")));
        assertThat(list.expire("ended-long-ago", NOW, KEEP)).as("dropped while expiring").isEmpty();
    }

    @Test
    void aListTheDetectorWouldIgnoreIsNotPublishedAndSaysWhichElementIsWrong() {
        SilenceList list = SilenceList.of(Optional.of(json("""
                [{"id": "by-hand", "matchers": {"a": "b"}, "ends-at": "2026-03-02T04:00:00Z", "note": "hand-written"}]""")))
                .with(DEPLOYING, NOW, KEEP);

        assertThatThrownBy(list::checked).isInstanceOf(SilenceConflictException.class)
                .hasMessageStartingWith("detector.silences[0]: unknown field \"note\"")
                .hasMessageContaining("the detector would ignore the whole list");
        assertThat(SilenceList.of(Optional.empty()).with(DEPLOYING, NOW, KEEP).checked().silences()).containsExactly(DEPLOY);
    }

    @Test
    void refusesToEditAValueThatIsNotAList() {
        assertThatThrownBy(() -> SilenceList.of(Optional.of(json("{\"id\": \"x\"}"))))
                .isInstanceOf(SilenceConflictException.class)
                .hasMessage("detector.silences is not a JSON array, so the detector ignores it; correct it with "
                        + "PUT /api/settings/detector.silences (or remove it) before adding or expiring silences");
    }

    @Test
    void aSilenceIsActiveFromItsStartUntilJustBeforeItsEnd() {
        assertThat(DEPLOY.active(NOW.minusMillis(1))).isFalse();
        assertThat(DEPLOY.active(NOW)).isTrue();
        assertThat(DEPLOY.active(NOW.plusSeconds(7199))).isTrue();
        assertThat(DEPLOY.active(NOW.plusSeconds(7200))).isFalse();
        assertThat(new Silence("x", Map.of(), null, null, null, null).active(NOW)).as("a silence without an end is broken").isFalse();
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }
}
