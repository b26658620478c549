package io.sentinel.analyzer.llm.db;

import io.sentinel.analyzer.llm.UsageLedger;
import java.time.LocalDate;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * {@link UsageLedger} in {@code model_usage}. Used on demand, each call its own transaction: tokens
 * spent count even when the event that asked for them is handled again.
 */
public interface ModelUsageDao extends UsageLedger {

    @Override
    @SqlQuery("select coalesce((select tokens_in + tokens_out from model_usage where day = :day), 0)")
    long tokensOn(LocalDate day);

    @Override
    @SqlUpdate("""
            insert into model_usage (day, tokens_in, tokens_out, cost_usd, calls) values (:day, :tokensIn, :tokensOut, :costUsd, 1)
            on conflict (day) do update
            set tokens_in = model_usage.tokens_in + excluded.tokens_in, tokens_out = model_usage.tokens_out + excluded.tokens_out,
                cost_usd = case when excluded.cost_usd is null then model_usage.cost_usd
                                else coalesce(model_usage.cost_usd, 0) + excluded.cost_usd end,
                calls = model_usage.calls + 1""")
    void record(LocalDate day, long tokensIn, long tokensOut, Double costUsd);
}
