package io.sentinel.collector.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.collector.exposition.Exposition;
import io.sentinel.collector.scrape.TargetHealth.Status;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TargetHealthTest {

    private static final ScrapeTarget SHOP = new ScrapeTarget("shop", URI.create("http://shop:8080/metrics"), Map.of(), null);
    private static final String URL = "http://shop:8080/metrics";
    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    private static final Instant T1 = T0.plusSeconds(15);
    private static final TargetHealth PENDING = TargetHealth.pending(SHOP);
    private static final TargetHealth HEALTHY = new TargetHealth("shop", URL, T0, T0, 0, null);
    private static final TargetHealth FAILING = new TargetHealth("shop", URL, T0, T0.minusSeconds(60), 4, "HTTP 503");

    static Stream<Arguments> attempts() {
        ScrapeOutcome scraped = new ScrapeOutcome.Scraped(T1, new Exposition(List.of(), 0, 0));
        ScrapeOutcome refused = new ScrapeOutcome.Failed(T1, "connection refused");
        return Stream.of(
                Arguments.of("first attempt succeeds", PENDING, scraped, new TargetHealth("shop", URL, T1, T1, 0, null), true),
                Arguments.of("first attempt fails", PENDING, refused, new TargetHealth("shop", URL, T1, null, 1, "connection refused"), true),
                Arguments.of("healthy target answers again", HEALTHY, scraped, new TargetHealth("shop", URL, T1, T1, 0, null), false),
                Arguments.of("healthy target fails", HEALTHY, refused, new TargetHealth("shop", URL, T1, T0, 1, "connection refused"), true),
                Arguments.of("failing target fails again, maybe differently: counted, no new state",
                        FAILING, refused, new TargetHealth("shop", URL, T1, T0.minusSeconds(60), 5, "connection refused"), false),
                Arguments.of("failing target recovers: count and error reset",
                        FAILING, scraped, new TargetHealth("shop", URL, T1, T1, 0, null), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attempts")
    void countsConsecutiveFailuresAndNoticesStateChanges(String scenario, TargetHealth before, ScrapeOutcome outcome,
                                                          TargetHealth expected, boolean statusChanged) {
        var health = new ScrapeTargetHealth(List.of(SHOP));
        health.restore(List.of(before));

        ScrapeTargetHealth.Change change = health.record(SHOP, outcome);

        assertThat(change.before()).isEqualTo(before);
        assertThat(change.after()).isEqualTo(expected);
        assertThat(change.statusChanged()).isEqualTo(statusChanged);
        assertThat(health.all()).containsExactly(expected);
    }

    @Test
    void statusFollowsTheLastAttempt() {
        assertThat(PENDING.status()).isEqualTo(Status.PENDING);
        assertThat(HEALTHY.status()).isEqualTo(Status.HEALTHY);
        assertThat(FAILING.status()).isEqualTo(Status.FAILING);
    }

    @Test
    void resumesWhatAnEarlierRunKnewOnlyForTargetsStillScrapedAtTheSameUrl() {
        var cart = new ScrapeTarget("cart", URI.create("http://cart:8080/metrics"), Map.of(), null);
        var health = new ScrapeTargetHealth(List.of(SHOP, cart));

        health.restore(List.of(
                FAILING,
                new TargetHealth("cart", "http://old-cart:8080/metrics", T0, null, 9, "HTTP 500"),
                new TargetHealth("gone", "http://gone/metrics", T0, null, 2, "HTTP 404")));

        assertThat(health.all()).containsExactly(FAILING, TargetHealth.pending(cart));
    }

    @Test
    void doesNotLetAStoredStateOverwriteAFresherOne() {
        var health = new ScrapeTargetHealth(List.of(SHOP));
        health.record(SHOP, new ScrapeOutcome.Scraped(T1, new Exposition(List.of(), 0, 0)));

        health.restore(List.of(FAILING));

        assertThat(health.all().getFirst().status()).isEqualTo(Status.HEALTHY);
    }
}
