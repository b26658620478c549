package io.sentinel.analyzer.llm;

import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A usage ledger for tests that run without a database: tokens per day in a map. */
public final class InMemoryUsageLedger implements UsageLedger {

    private final Map<LocalDate, Long> tokens = new ConcurrentHashMap<>();

    @Override
    public long tokensOn(LocalDate day) {
        return tokens.getOrDefault(day, 0L);
    }

    @Override
    public void record(LocalDate day, long tokensIn, long tokensOut, Double costUsd) {
        tokens.merge(day, tokensIn + tokensOut, Long::sum);
    }
}
