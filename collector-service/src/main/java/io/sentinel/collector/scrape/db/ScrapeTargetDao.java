package io.sentinel.collector.scrape.db;

import io.sentinel.collector.scrape.TargetHealth;
import io.sentinel.collector.scrape.TargetHealthStore;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The targets' health in {@code scrape_target}, one row per target. */
@RegisterConstructorMapper(TargetHealth.class)
public interface ScrapeTargetDao extends TargetHealthStore {

    @Override
    @SqlQuery("select name, url, last_attempt_at, last_success_at, consecutive_failures, last_error from scrape_target")
    List<TargetHealth> all();

    @Override
    @SqlUpdate("""
            insert into scrape_target (name, url, last_attempt_at, last_success_at, consecutive_failures, last_error)
            values (:name, :url, :lastAttemptAt, :lastSuccessAt, :consecutiveFailures, :lastError)
            on conflict (name) do update set url = excluded.url, last_attempt_at = excluded.last_attempt_at,
                last_success_at = excluded.last_success_at, consecutive_failures = excluded.consecutive_failures,
                last_error = excluded.last_error""")
    void save(@BindMethods TargetHealth health);
}
