package io.sentinel.local.demo;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small service that can be made ill on purpose. Its memory is real: leaked buffers and its cache
 * are byte arrays it actually holds, measured against a configured container memory limit, and its
 * CPU burn is a real busy thread measured by the JVM. What it reports is what it does.
 */
public final class DemoWorkload implements AutoCloseable {

    private static final int MIB = 1024 * 1024;
    /** What the service holds when healthy, besides its cache. */
    private static final long BASELINE_BYTES = 8L * MIB;
    /** Leaks stop here: the demo must never take the launcher's own JVM down. */
    private static final double LEAK_CEILING = 0.90;

    private final String name;
    private final long memoryLimitBytes;
    private final int leakMbPerSecond;
    private final ScheduledExecutorService ticker;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    private final Set<Fault> faults = EnumSet.noneOf(Fault.class);
    private final List<byte[]> leaked = new ArrayList<>();
    private final List<byte[]> leakedForever = new ArrayList<>();
    private List<byte[]> cache = new ArrayList<>();
    private DemoConfig config;
    private Thread burner;
    private final AtomicLong burnedNanos = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong serverErrors = new AtomicLong();
    private final AtomicLong queueDepth = new AtomicLong();
    private final AtomicLong queueConsumed = new AtomicLong();
    private final AtomicLong restarts = new AtomicLong();
    private final AtomicLong ticks = new AtomicLong();
    private double leakCredit;
    /** Written by the burner so the JIT cannot prove its loop useless. */
    private volatile long burnSink;

    public DemoWorkload(String name, int memoryLimitMb, int leakMbPerSecond, DemoConfig initialConfig) {
        this.name = name;
        this.memoryLimitBytes = (long) memoryLimitMb * MIB;
        this.leakMbPerSecond = leakMbPerSecond;
        applyConfig(initialConfig);
        this.ticker = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("demo-" + name).factory());
        this.ticker.scheduleAtFixedRate(this::tick, 100, 100, TimeUnit.MILLISECONDS);
    }

    public String name() {
        return name;
    }

    public synchronized void inject(Fault fault) {
        faults.add(fault);
        if (fault == Fault.CPU_BURN && burner == null) {
            burner = Thread.ofPlatform().daemon().name("demo-" + name + "-burn").start(this::burn);
        }
    }

    /** Clears every fault and frees everything leaked: back to a healthy service. */
    public synchronized void heal() {
        faults.clear();
        leaked.clear();
        leakedForever.clear();
        stopBurning();
        queueDepth.set(0);
    }

    public synchronized Set<Fault> faults() {
        return EnumSet.copyOf(faults.isEmpty() ? EnumSet.noneOf(Fault.class) : faults);
    }

    /**
     * The remediation: drops the cache and frees leaked buffers, and stops the (curable) leak.
     * Returns the bytes released.
     */
    public synchronized long releaseMemory() {
        long before = usedBytes();
        faults.remove(Fault.MEMORY_LEAK);
        leaked.clear();
        applyConfig(new DemoConfig(0, config.version()));
        return before - usedBytes();
    }

    /** A restart clears what a restart clears: curable faults, the leak, the queue; not an incurable leak. */
    public synchronized void restart() {
        restarts.incrementAndGet();
        faults.removeAll(EnumSet.of(Fault.MEMORY_LEAK, Fault.CPU_BURN, Fault.ERROR_BURST, Fault.STUCK_QUEUE));
        leaked.clear();
        stopBurning();
        queueDepth.set(0);
    }

    public synchronized DemoConfig config() {
        return config;
    }

    public synchronized void applyConfig(DemoConfig newConfig) {
        List<byte[]> newCache = new ArrayList<>(newConfig.cacheMb());
        for (int i = 0; i < newConfig.cacheMb(); i++) {
            newCache.add(new byte[MIB]);
        }
        cache = newCache;
        config = newConfig;
    }

    public synchronized long usedBytes() {
        return BASELINE_BYTES + (long) (cache.size() + leaked.size() + leakedForever.size()) * MIB;
    }

    public long memoryLimitBytes() {
        return memoryLimitBytes;
    }

    /** Handles one simulated request; during an error burst most of them fail. */
    public synchronized boolean serveRequest() {
        requests.incrementAndGet();
        if (faults.contains(Fault.ERROR_BURST) && requests.get() % 5 != 0) {
            serverErrors.incrementAndGet();
            return false;
        }
        return true;
    }

    public synchronized DemoMetrics metrics() {
        long cpuNanos = burnedNanos.get();
        if (burner != null && burner.isAlive()) {
            long current = threads.getThreadCpuTime(burner.threadId());
            cpuNanos += Math.max(0, current);
        }
        return new DemoMetrics(name, usedBytes(), memoryLimitBytes, cpuNanos / 1e9, requests.get(), serverErrors.get(),
                queueDepth.get(), queueConsumed.get(), restarts.get());
    }

    /** How many times the workload has moved on (every 100 ms): what a test waits for instead of the clock. */
    public long ticks() {
        return ticks.get();
    }

    private synchronized void tick() {
        ticks.incrementAndGet();
        // Every tick the service does some work of its own, so request and queue counters move.
        for (int i = 0; i < 5; i++) {
            serveRequest();
        }
        queueDepth.addAndGet(2);
        if (!faults.contains(Fault.STUCK_QUEUE)) {
            long consumed = Math.min(queueDepth.get(), 2);
            queueDepth.addAndGet(-consumed);
            queueConsumed.addAndGet(consumed);
        }
        leakOneTick();
    }

    private void leakOneTick() {
        boolean curable = faults.contains(Fault.MEMORY_LEAK);
        boolean incurable = faults.contains(Fault.INCURABLE_MEMORY_LEAK);
        if (!curable && !incurable) {
            leakCredit = 0;
            return;
        }
        leakCredit += leakMbPerSecond / 10.0;
        while (leakCredit >= 1 && usedBytes() + MIB <= LEAK_CEILING * memoryLimitBytes) {
            (incurable ? leakedForever : leaked).add(new byte[MIB]);
            leakCredit -= 1;
        }
    }

    private void burn() {
        long x = 0;
        while (!Thread.currentThread().isInterrupted()) {
            x += System.nanoTime() & 7;
            burnSink = x;
        }
    }

    private void stopBurning() {
        if (burner != null) {
            burnedNanos.addAndGet(Math.max(0, threads.getThreadCpuTime(burner.threadId())));
            burner.interrupt();
            burner = null;
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        synchronized (this) {
            stopBurning();
        }
    }
}
