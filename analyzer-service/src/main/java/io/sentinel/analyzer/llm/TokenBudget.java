package io.sentinel.analyzer.llm;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The daily token budget ({@code sentinel.analyzer.llm.daily-token-budget}): once the tokens spent
 * today (UTC) reach it, no further request is made until midnight. A request already under way may
 * end past the budget; the next one is refused.
 */
public final class TokenBudget {

    private final long daily;
    private final UsageLedger ledger;
    private final Clock clock;

    public TokenBudget(long daily, UsageLedger ledger, Clock clock) {
        this.daily = daily;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** Why no request may be made now, if none may. */
    public Optional<String> exhausted() {
        if (daily == 0) {
            return Optional.empty();
        }
        long spent = ledger.tokensOn(today());
        return spent >= daily
                ? Optional.of("the daily token budget is used up (" + spent + " of " + daily + " tokens today, "
                        + LlmProperties.PREFIX + ".daily-token-budget); the model is asked again after midnight UTC")
                : Optional.empty();
    }

    public void spend(long tokensIn, long tokensOut, Double costUsd) {
        ledger.record(today(), tokensIn, tokensOut, costUsd);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
