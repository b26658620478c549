package io.sentinel.bench;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.sentinel.collector.CollectorApplication;
import io.sentinel.detector.DetectorApplication;
import io.sentinel.events.Topic;
import io.sentinel.testkit.DatabaseCoordinates;
import io.sentinel.testkit.KafkaBroker;
import io.sentinel.testkit.PostgresProvisioner;
import io.sentinel.testkit.TestKeyring;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Metric samples through collector → Kafka → detector, on a real broker and PostgreSQL, reported
 * next to raw Kafka measured in the same run. Run with {@code ./sentinel bench}; options as system
 * properties: -Dtargets=40 -Dseries=100 -Dinterval=500ms -Dwarmup=20s -Dmeasure=30s -Draw.records=100000.
 */
public final class DetectionBenchmark {

    private DetectionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int targets = Integer.getInteger("targets", 40);
        int series = Integer.getInteger("series", 100);
        String interval = System.getProperty("interval", "500ms");
        Duration warmup = Duration.parse("PT" + System.getProperty("warmup", "20s").toUpperCase(Locale.ROOT));
        Duration measure = Duration.parse("PT" + System.getProperty("measure", "30s").toUpperCase(Locale.ROOT));
        int rawRecords = Integer.getInteger("raw.records", 100_000);
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");

        try (KafkaBroker broker = KafkaBroker.start(); BenchTargets endpoints = BenchTargets.start(series)) {
            broker.provisionTopics();
            DatabaseCoordinates db = PostgresProvisioner.forTests();

            System.out.println("measuring raw Kafka (" + rawRecords + " records of 1 KB) ...");
            RawKafkaBaseline.Result raw = RawKafkaBaseline.measure(broker.bootstrapServers(), rawRecords);

            System.out.println("starting the detector and the collector (" + targets + " targets x " + series + " series every " + interval + ") ...");
            try (ConfigurableApplicationContext detector = DetectorApplication.application().run(common(broker, db, measure));
                 ConfigurableApplicationContext collector = CollectorApplication.application().run(collectorArgs(broker, db, endpoints, targets, interval, measure))) {
                MeterRegistry detectorMeters = detector.getBean(MeterRegistry.class);
                MeterRegistry collectorMeters = collector.getBean(MeterRegistry.class);

                Thread.sleep(warmup.toMillis());
                double batches0 = processedBatches(detectorMeters);
                double published0 = collectorMeters.counter("sentinel.collector.samples.published").count();
                long t0 = System.nanoTime();
                Thread.sleep(measure.toMillis());
                double batches1 = processedBatches(detectorMeters);
                double published1 = collectorMeters.counter("sentinel.collector.samples.published").count();
                double seconds = (System.nanoTime() - t0) / 1e9;

                double detected = (batches1 - batches0) * series / seconds;
                double offered = (published1 - published0) / seconds;
                report(targets, series, interval, measure, raw, offered, detected, detectorMeters, series);
            }
        }
        System.exit(0);
    }

    private static double processedBatches(MeterRegistry meters) {
        return meters.find("sentinel.events.consumed").tag("topic", Topic.SIGNALS.topicName()).tag("outcome", "processed")
                .counters().stream().mapToDouble(counter -> counter.count()).sum();
    }

    private static void report(int targets, int series, String interval, Duration measure, RawKafkaBaseline.Result raw, double offered,
                               double detected, MeterRegistry detector, int samplesPerBatch) {
        Timer evaluation = detector.find("sentinel.detector.evaluation").tag("rule", "threshold").timer();
        Timer handling = detector.find("sentinel.events.handling").tag("topic", Topic.SIGNALS.topicName()).tag("outcome", "processed").timer();
        Timer age = detector.find("sentinel.events.age").tag("topic", Topic.SIGNALS.topicName()).timer();
        var out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%n== Sentinel detection benchmark, %s, %d cores, Java %s ==%n", Instant.now(),
                Runtime.getRuntime().availableProcessors(), Runtime.version()));
        out.append(String.format(Locale.ROOT, "raw Kafka (same broker, same run): producer %,.0f records/s (1 KB, acks=all, idempotent); "
                + "end-to-end p50 %.2f ms, p99 %.2f ms%n", raw.producerRecordsPerSecond(), raw.endToEnd().p50(), raw.endToEnd().p99()));
        out.append(String.format(Locale.ROOT, "load: %d targets x %d series scraped every %s, measured for %ds after warm-up%n",
                targets, series, interval, measure.toSeconds()));
        out.append(String.format(Locale.ROOT, "  offered by the collector:     %,9.0f samples/s%n", offered));
        out.append(String.format(Locale.ROOT, "  evaluated by the detector:    %,9.0f samples/s  = %.3f x raw Kafka records/s%n", detected,
                detected / raw.producerRecordsPerSecond()));
        // A scrape is one signal record of many samples; records are what Kafka and the inbox pay for.
        double records = detected / samplesPerBatch;
        out.append(String.format(Locale.ROOT, "  signal records consumed:      %,9.0f records/s  = %.4f x raw Kafka records/s%n", records,
                records / raw.producerRecordsPerSecond()));
        out.append(String.format(Locale.ROOT, "  rule evaluation per sample:   p50 %.3f ms, p99 %.3f ms (threshold rules, batches of %d samples)%n",
                percentile(evaluation, 0.5) / samplesPerBatch, percentile(evaluation, 0.99) / samplesPerBatch, samplesPerBatch));
        // Where a batch's time goes, rule family by rule family (each family's evaluation includes its own state reads and writes).
        detector.find("sentinel.detector.evaluation").timers().stream()
                .sorted(java.util.Comparator.comparingDouble((Timer timer) -> -percentile(timer, 0.5)))
                .forEach(timer -> out.append(String.format(Locale.ROOT, "    %-24s per batch p50 %7.3f ms, p99 %7.3f ms%n",
                        timer.getId().getTag("rule"), percentile(timer, 0.5), percentile(timer, 0.99))));
        out.append(String.format(Locale.ROOT, "  handling per batch:           p50 %.2f ms, p99 %.2f ms (transaction: inbox, rule state, incidents)%n",
                percentile(handling, 0.5), percentile(handling, 0.99)));
        out.append(String.format(Locale.ROOT, "  published -> consumed:        p50 %.2f ms, p99 %.2f ms  = %.1f x / %.1f x raw Kafka%n",
                percentile(age, 0.5), percentile(age, 0.99), percentile(age, 0.5) / raw.endToEnd().p50(),
                percentile(age, 0.99) / raw.endToEnd().p99()));
        System.out.println(out);
    }

    private static double percentile(Timer timer, double quantile) {
        if (timer == null) {
            return Double.NaN;
        }
        for (ValueAtPercentile value : timer.takeSnapshot().percentileValues()) {
            if (value.percentile() == quantile) {
                return value.value(TimeUnit.MILLISECONDS);
            }
        }
        return Double.NaN;
    }

    private static String[] common(KafkaBroker broker, DatabaseCoordinates db, Duration measure) {
        List<String> args = new ArrayList<>(TestKeyring.arguments());
        args.addAll(List.of(
                "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "--sentinel.kafka.replication-factor=1",
                "--sentinel.kafka.min-insync-replicas=1",
                "--spring.datasource.url=" + db.jdbcUrl(),
                "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password(),
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--management.metrics.distribution.percentiles.sentinel.detector.evaluation=0.5,0.99",
                "--management.metrics.distribution.percentiles.sentinel.events.handling=0.5,0.99",
                "--management.metrics.distribution.percentiles.sentinel.events.age=0.5,0.99",
                // Percentiles over the last measure window only, so start-up and warm-up do not colour them.
                "--management.metrics.distribution.expiry.sentinel=" + measure.toSeconds() + "s",
                "--management.metrics.distribution.buffer-length.sentinel=3"));
        return args.toArray(String[]::new);
    }

    private static String[] collectorArgs(KafkaBroker broker, DatabaseCoordinates db, BenchTargets endpoints, int targets, String interval,
                                          Duration measure) {
        List<String> args = new ArrayList<>(List.of(common(broker, db, measure)));
        args.add("--sentinel.collector.scrape.interval=" + interval);
        for (int i = 0; i < targets; i++) {
            args.add("--sentinel.collector.scrape.targets[" + i + "].name=bench-" + i);
            args.add("--sentinel.collector.scrape.targets[" + i + "].url=" + endpoints.url(i));
        }
        return args.toArray(String[]::new);
    }
}
