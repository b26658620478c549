package io.sentinel.collector.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.collector.series.Sample;
import io.sentinel.events.signal.MetricBatch;
import io.sentinel.events.signal.MetricSample;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScrapeTargetTest {

    private static final Instant SCRAPED_AT = Instant.parse("2026-11-23T14:05:35Z");

    @ParameterizedTest(name = "{0} is instance {1}")
    @CsvSource({
            "http://shop:8080/metrics, shop:8080",
            "http://shop/metrics, shop:80",
            "https://shop/metrics, shop:443",
            "HTTPS://shop.prod.svc/metrics, shop.prod.svc:443",
            "http://10.0.0.7:9100/metrics, 10.0.0.7:9100",
            "http://[::1]:9100/metrics, [::1]:9100"})
    void isLabelledWithTheHostAndPortItIsScrapedAt(String url, String instance) {
        assertThat(new ScrapeTarget("shop", URI.create(url), Map.of(), null).resourceLabels()).isEqualTo(Map.of("instance", instance));
    }

    @Test
    void aConfiguredInstanceLabelWins() {
        var target = new ScrapeTarget("shop", URI.create("http://10.0.0.7:9100/metrics"), Map.of("instance", "shop-1", "environment", "prod"), null);

        assertThat(target.resourceLabels()).isEqualTo(Map.of("instance", "shop-1", "environment", "prod"));
    }

    @Test
    void batchesSignalsUnderItsNameDatingThoseWithoutATimestampAtTheScrape() {
        var target = new ScrapeTarget("shop", URI.create("http://shop:8080/metrics"), Map.of("environment", "prod"), null);
        Instant measured = SCRAPED_AT.minusMillis(1_250);

        MetricBatch batch = target.batch(SCRAPED_AT, List.of(
                new Sample("memory_usage_ratio", Map.of("container", "shop"), 0.75, measured),
                new Sample("up", Map.of(), 1))).orElseThrow();

        assertThat(batch.source()).isEqualTo("scrape");
        assertThat(batch.resource()).isEqualTo("shop");
        assertThat(batch.labels()).isEqualTo(Map.of("environment", "prod", "instance", "shop:8080"));
        assertThat(batch.collectedAt()).isEqualTo(SCRAPED_AT);
        assertThat(batch.samples()).containsExactly(
                new MetricSample("memory_usage_ratio", Map.of("container", "shop"), 0.75, measured),
                new MetricSample("up", Map.of(), 1, SCRAPED_AT));
    }

    @Test
    void aBatchNamesTheConfiguredTargetWhateverTheScrapedSeriesSay() {
        var named = new ScrapeTarget("shop", URI.create("http://shop:8080/metrics"), Map.of("target", "labelled"), "shop.prod");
        var byName = new ScrapeTarget("cart", URI.create("http://cart:8080/metrics"), Map.of(), null);
        List<Sample> claimingAnother = List.of(new Sample("memory_usage_ratio", Map.of("target", "payments-prod"), 0.75, SCRAPED_AT));

        assertThat(named.batch(SCRAPED_AT, claimingAnother).orElseThrow().target()).isEqualTo("shop.prod");
        assertThat(byName.batch(SCRAPED_AT, claimingAnother).orElseThrow().target()).as("the name, by default").isEqualTo("cart");
    }

    @Test
    void noSignalsMeansNoBatch() {
        assertThat(new ScrapeTarget("shop", URI.create("http://shop:8080/metrics"), null, null).batch(SCRAPED_AT, List.of())).isEmpty();
    }
}
