package io.sentinel.collector.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.sentinel.collector.PrometheusFixtures;
import io.sentinel.collector.prometheus.PrometheusAnswer.Data;
import io.sentinel.collector.prometheus.PrometheusAnswer.Point;
import io.sentinel.collector.prometheus.PrometheusAnswer.Series;
import io.sentinel.events.signal.MetricBatch;
import io.sentinel.events.signal.MetricSample;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchAssemblyTest {

    private static final Instant ROUND = Instant.parse("2026-11-23T14:05:50Z");
    private static final PrometheusQuery NODE_UP = PrometheusQuery.of("node_up", "up", "instance", List.of("job"));
    private static final PrometheusQuery DISK = PrometheusQuery.of("disk_usage_ratio", "disk", "instance", List.of("mountpoint"));
    private static final PrometheusQuery POD_MEMORY = PrometheusQuery.of("memory_usage_ratio", "memory", "pod", List.of("container"));

    @Test
    void oneBatchPerResourceWithTheSignalsOfEveryQuery() {
        var disk = new Series(Map.of("instance", "node-1:9100", "job", "node", "mountpoint", "/", "device", "sda1"),
                List.of(new Point(ROUND, 0.42)));
        Data up = (Data) PrometheusResponseParser.parse(200, PrometheusFixtures.bytes(PrometheusFixtures.QUERY_UP));

        List<MetricBatch> batches = new BatchAssembly("prometheus", Map.of("environment", "production"))
                .add(NODE_UP, up.series(), ROUND)
                .add(DISK, List.of(disk), ROUND)
                .batches();

        Instant evaluated = Instant.ofEpochMilli(1_795_442_750_745L);
        assertThat(batches).containsExactly(
                new MetricBatch("prometheus", "127.0.0.1:19090", Map.of("environment", "production", "instance", "127.0.0.1:19090"), ROUND,
                        List.of(new MetricSample("node_up", Map.of("job", "prometheus"), 1, evaluated)), null),
                new MetricBatch("prometheus", "127.0.0.1:19100", Map.of("environment", "production", "instance", "127.0.0.1:19100"), ROUND,
                        List.of(new MetricSample("node_up", Map.of("job", "node"), 1, evaluated)), null),
                new MetricBatch("prometheus", "node-1:9100", Map.of("environment", "production", "instance", "node-1:9100"), ROUND,
                        List.of(new MetricSample("disk_usage_ratio", Map.of("mountpoint", "/"), 0.42, ROUND)), null));
    }

    @Test
    void theResourceLabelIsEachQuerysOwnAndSeriesWithoutItAreCountedNotPublished() {
        var assembly = new BatchAssembly("prometheus", Map.of()).add(POD_MEMORY, List.of(
                new Series(Map.of("pod", "shop-7d9f", "namespace", "prod", "container", "shop"), List.of(new Point(ROUND, 0.75))),
                new Series(Map.of("namespace", "prod", "container", "sidecar"), List.of(new Point(ROUND, 0.1)))), ROUND);

        assertThat(assembly.batches()).singleElement().satisfies(batch -> {
            assertThat(batch.resource()).isEqualTo("shop-7d9f");
            assertThat(batch.labels()).isEqualTo(Map.of("pod", "shop-7d9f"));
            assertThat(batch.samples()).containsExactly(new MetricSample("memory_usage_ratio", Map.of("container", "shop"), 0.75, ROUND));
        });
        assertThat(assembly.withoutResource()).isEqualTo(1);
    }

    @Test
    void aBatchNamesTheResourceLabelsValueAsItsTargetAndNoLabelOfTheSeriesCanChangeIt() {
        var keepingTarget = PrometheusQuery.of("memory_usage_ratio", "memory", "pod", List.of("container", "target"));
        var assembly = new BatchAssembly("prometheus", Map.of("environment", "production")).add(keepingTarget, List.of(
                new Series(Map.of("pod", "shop-7d9f", "container", "shop", "target", "payments-prod"), List.of(new Point(ROUND, 0.75))),
                new Series(Map.of("pod", "cart-1", "target", "payments-prod"), List.of(new Point(ROUND, 0.5)))), ROUND);

        assertThat(assembly.batches()).extracting(MetricBatch::resource, MetricBatch::target)
                .containsExactly(tuple("shop-7d9f", "shop-7d9f"), tuple("cart-1", "cart-1"));
        assertThat(assembly.batches().getFirst().samples().getFirst().labels()).as("kept as a label, nothing more")
                .containsEntry("target", "payments-prod");
    }

    @Test
    void aResourceThatCannotBeAnInventoryTargetNameNamesNoTarget() {
        var assembly = new BatchAssembly("prometheus", Map.of()).add(NODE_UP, List.of(
                new Series(Map.of("instance", "10.0.0.5:9100", "target", "payments-prod"), List.of(new Point(ROUND, 1))),
                new Series(Map.of("instance", "Node_A", "target", "payments-prod"), List.of(new Point(ROUND, 1)))), ROUND);

        assertThat(assembly.batches()).extracting(MetricBatch::resource, MetricBatch::target)
                .containsExactly(tuple("10.0.0.5:9100", null), tuple("Node_A", null));
    }

    @Test
    void historyIsOneBatchPerResourceAndInstantAtItsHistoricTime() {
        Data cpu = (Data) PrometheusResponseParser.parse(200, PrometheusFixtures.bytes(PrometheusFixtures.QUERY_RANGE_CPU));
        var query = PrometheusQuery.of("cpu_usage_ratio", "cpu", "instance", List.of());

        List<MetricBatch> batches = new BatchAssembly("prometheus-backfill", Map.of()).addHistory(query, cpu.series()).batches();

        assertThat(batches).hasSize(6).allSatisfy(batch -> {
            assertThat(batch.source()).isEqualTo("prometheus-backfill");
            assertThat(batch.resource()).isEqualTo("127.0.0.1:19100");
            assertThat(batch.samples()).singleElement().satisfies(sample -> assertThat(sample.at()).isEqualTo(batch.collectedAt()));
        });
        assertThat(batches).extracting(MetricBatch::collectedAt)
                .containsExactly(Instant.ofEpochSecond(1_795_442_740), Instant.ofEpochSecond(1_795_442_742), Instant.ofEpochSecond(1_795_442_744),
                        Instant.ofEpochSecond(1_795_442_746), Instant.ofEpochSecond(1_795_442_748), Instant.ofEpochSecond(1_795_442_750));
        assertThat(batches.getFirst().samples().getFirst().value()).isEqualTo(0.8749615000000004);
    }
}
