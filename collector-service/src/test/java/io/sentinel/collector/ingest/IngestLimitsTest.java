package io.sentinel.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.bulkhead.Bulkhead;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The bounds ingest keeps: text per field, bytes per event, requests in flight. */
class IngestLimitsTest {

    @Test
    void textThatFitsIsKeptAndLongerTextIsCutAtACharacterAndMarked() {
        var limit = new TextLimit(20);

        assertThat(limit.apply("twenty bytes exactly")).isEqualTo("twenty bytes exactly");
        assertThat(limit.apply(null)).isNull();
        assertThat(limit.apply("twenty-one bytes long")).as("the marker takes 15 of the 20 bytes").isEqualTo("twent …[truncated]");
        String cut = limit.apply("ééééééééééééé");
        assertThat(cut).isEqualTo("éé …[truncated]");
        assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(20);
        assertThat(new TextLimit(22).apply("😀".repeat(6))).as("7 bytes left: one 4-byte character, never half of one").isEqualTo("😀 …[truncated]");
    }

    @Test
    void itemsAreSplitSoThatNoEventCarriesMoreThanItsBudget() {
        List<Integer> sizes = List.of(200_000, 200_000, 200_000, 324_288, 1);

        List<List<Integer>> chunks = EventChunks.split(sizes, size -> size, size -> "item of " + size);

        assertThat(chunks).as("the second event is exactly full").containsExactly(List.of(200_000, 200_000), List.of(200_000, 324_288), List.of(1));
    }

    @Test
    void atMostAThousandItemsGoIntoOneEvent() {
        List<Integer> small = IntStream.range(0, 2500).map(i -> 1).boxed().toList();

        assertThat(EventChunks.split(small, size -> size, size -> "x")).extracting(List::size).containsExactly(1000, 1000, 500);
    }

    @Test
    void anItemLargerThanAnEventIsRefusedByName() {
        assertThatThrownBy(() -> EventChunks.split(List.of(10, 600_000), size -> size, size -> "trace of " + size + " bytes"))
                .isInstanceOf(PayloadTooLarge.class)
                .hasMessage("trace of 600000 bytes is 600000 bytes as an event; at most 524288 fit one: send less of it");
    }

    @Test
    void theBulkheadAdmitsUpToItsCapacityWithoutWaitingAndAFinishedRequestFreesItsPlace() {
        Bulkhead bulkhead = IngestBulkhead.of(2);

        assertThat(bulkhead.tryAcquirePermission()).isTrue();
        assertThat(bulkhead.tryAcquirePermission()).isTrue();
        assertThat(bulkhead.tryAcquirePermission()).as("full: refused at once, not queued").isFalse();
        assertThat(bulkhead.getBulkheadConfig().getMaxWaitDuration()).isZero();
        assertThat(bulkhead.getMetrics().getAvailableConcurrentCalls()).isZero();

        bulkhead.onComplete();
        assertThat(bulkhead.getMetrics().getAvailableConcurrentCalls()).isEqualTo(1);
        assertThat(bulkhead.tryAcquirePermission()).isTrue();
        assertThat(bulkhead.tryAcquirePermission()).isFalse();
    }
}
