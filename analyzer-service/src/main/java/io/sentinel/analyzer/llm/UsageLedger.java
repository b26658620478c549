package io.sentinel.analyzer.llm;

import java.time.LocalDate;

/** Tokens spent per UTC day, kept where every replica sees them. */
public interface UsageLedger {

    long tokensOn(LocalDate day);

    void record(LocalDate day, long tokensIn, long tokensOut, Double costUsd);
}
