package io.sentinel.runtime.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sentinel.runtime.kafka.EventProducer;
import io.sentinel.runtime.kafka.EventRecord;
import io.sentinel.runtime.tracing.PipelineSpan;
import io.sentinel.runtime.tracing.PipelineTracing;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.json.JsonMapper;

/**
 * Moves committed events from the outbox table to Kafka, oldest first. Woken right after each
 * commit, so publication adds milliseconds, and polls as a safety net. One relay at a time per
 * service (a PostgreSQL advisory lock), so replicas cannot reorder an incident's events.
 */
public final class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final Jdbi jdbi;
    private final EventProducer producer;
    private final JsonMapper json;
    private final OutboxProperties properties;
    private final Semaphore wakeUps = new Semaphore(0);
    private final Counter published;
    private final MeterRegistry meters;
    private final PipelineTracing tracing;
    private final Clock clock;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicReference<Instant> oldestPending = new AtomicReference<>();
    private volatile boolean running;
    private Thread worker;

    public OutboxRelay(Jdbi jdbi, EventProducer producer, JsonMapper json, OutboxProperties properties, MeterRegistry meters,
                       PipelineTracing tracing, Clock clock) {
        this.jdbi = jdbi;
        this.producer = producer;
        this.json = json;
        this.properties = properties;
        this.meters = meters;
        this.tracing = tracing;
        this.clock = clock;
        this.published = Counter.builder("sentinel.outbox.published").description("Events relayed from the outbox to Kafka").register(meters);
        Gauge.builder("sentinel.outbox.pending", pending, AtomicLong::get)
                .description("Events committed to the outbox and not yet acknowledged by Kafka, as of the relay's last round")
                .register(meters);
        Gauge.builder("sentinel.outbox.oldest.age", this, OutboxRelay::oldestPendingSeconds).baseUnit("seconds")
                .description("How long the oldest event in the outbox has waited for Kafka; 0 when the outbox is empty")
                .register(meters);
    }

    public void wakeUp() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    @Override
    public void start() {
        running = true;
        worker = Thread.ofVirtual().name("outbox-relay").start(this::relayUntilStopped);
    }

    @Override
    public void stop() {
        running = false;
        wakeUp();
        if (worker != null) {
            try {
                worker.join(properties.sendTimeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Below the input bindings' phase: stops only after the consumers that feed it have stopped. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2000;
    }

    private void relayUntilStopped() {
        while (running) {
            try {
                int relayed = relayOnce();
                if (relayed < properties.batchSize()) {
                    wakeUps.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("outbox relay failed; retrying in {}: {}", properties.pollInterval(), e.toString());
                sleepQuietly();
            }
        }
        try {
            relayOnce();
        } catch (RuntimeException e) {
            log.warn("outbox relay could not drain before stopping; the events stay queued for the next start: {}", e.toString());
        }
    }

    /** Publishes one batch; returns how many events left the outbox. */
    int relayOnce() {
        return jdbi.inTransaction(handle -> {
            boolean leader = handle.createQuery("select pg_try_advisory_xact_lock(hashtext(current_schema() || '.outbox'))")
                    .mapTo(Boolean.class).one();
            if (!leader) {
                return 0;
            }
            List<OutboxRow> rows = handle.createQuery("""
                            select seq, event_id, topic, record_key, headers::text as headers, payload, created_at
                            from outbox order by seq limit :limit""")
                    .bind("limit", properties.batchSize())
                    .map((rs, ctx) -> new OutboxRow(rs.getLong("seq"), new EventRecord(rs.getString("event_id"), rs.getString("topic"),
                            rs.getString("record_key"), EventOutbox.readHeaders(json, rs.getString("headers")), rs.getBytes("payload")),
                            rs.getTimestamp("created_at").toInstant()))
                    .list();
            if (rows.isEmpty()) {
                pending.set(0);
                oldestPending.set(null);
                return 0;
            }
            oldestPending.set(rows.getFirst().createdAt());
            List<PipelineSpan> spans = rows.stream()
                    .map(row -> tracing.relay(row.record().topic(), row.record().key(), row.record().headers()::get)).toList();
            int acknowledged = producer.sendInOrder(rows.stream().map(OutboxRow::record).toList(), properties.sendTimeout());
            for (int i = 0; i < spans.size(); i++) {
                if (i >= acknowledged) {
                    spans.get(i).fail("not acknowledged by Kafka within " + properties.sendTimeout() + "; stays in the outbox, retried");
                }
                spans.get(i).close();
            }
            if (acknowledged > 0) {
                delete(handle, rows.subList(0, acknowledged));
                published.increment(acknowledged);
                rows.subList(0, acknowledged).forEach(row -> publishedOn(row.record().topic()).increment());
            }
            if (acknowledged < rows.size()) {
                log.warn("Kafka acknowledged {} of {} outbox events; the rest stay queued and are retried", acknowledged, rows.size());
            }
            // A full batch may have more behind it: count them, rather than report only what this round saw.
            long left = rows.size() < properties.batchSize()
                    ? rows.size() - acknowledged
                    : handle.createQuery("select count(*) from outbox").mapTo(Long.class).one() - acknowledged;
            pending.set(left);
            oldestPending.set(left == 0 ? null : rows.get(Math.min(acknowledged, rows.size() - 1)).createdAt());
            return acknowledged;
        });
    }

    private static void delete(Handle handle, List<OutboxRow> rows) {
        handle.createUpdate("delete from outbox where seq = any(:seqs)")
                .bindArray("seqs", Long.class, rows.stream().map(OutboxRow::seq).toList())
                .execute();
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(properties.pollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Counter publishedOn(String topic) {
        return Counter.builder("sentinel.events.published").tag("topic", topic).tag("via", "outbox")
                .description("Events acknowledged by Kafka, by topic and way: outbox (relayed after a commit) or direct (signals)")
                .register(meters);
    }

    private double oldestPendingSeconds() {
        Instant oldest = oldestPending.get();
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
    }

    private record OutboxRow(long seq, EventRecord record, Instant createdAt) {
    }
}
