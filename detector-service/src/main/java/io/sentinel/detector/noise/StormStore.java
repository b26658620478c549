package io.sentinel.detector.noise;

import java.time.Instant;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The findings an incident storm kept from opening incidents ({@code storm_suppression}), one row per
 * fingerprint, kept for the storm window: what "N incidents suppressed in the last minute" counts.
 */
public interface StormStore {

    @SqlUpdate("""
            insert into storm_suppression (fingerprint, suppressed_at) values (:fingerprint, :at)
            on conflict (fingerprint) do update set suppressed_at = greatest(storm_suppression.suppressed_at, excluded.suppressed_at)""")
    void suppressed(String fingerprint, Instant at);

    @SqlQuery("select count(*) from storm_suppression where suppressed_at > :since")
    long suppressedSince(Instant since);

    @SqlUpdate("delete from storm_suppression where suppressed_at <= :before")
    int forgetBefore(Instant before);
}
