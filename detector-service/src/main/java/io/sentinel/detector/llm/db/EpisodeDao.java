package io.sentinel.detector.llm.db;

import io.sentinel.detector.llm.Episodes;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@link Episodes} in {@code llm_episode}. */
public interface EpisodeDao extends Episodes {

    @Override
    @SqlUpdate("""
            insert into llm_episode (fingerprint, rule, application, last_seen) values (:fingerprint, :rule, :application, :at)
            on conflict (fingerprint) do update set last_seen = greatest(llm_episode.last_seen, excluded.last_seen)""")
    void seen(String fingerprint, String rule, String application, Instant at);

    @Override
    @SqlQuery("select exists (select 1 from llm_episode where fingerprint = :fingerprint)")
    boolean ongoing(String fingerprint);

    @Override
    @SqlQuery("""
            delete from llm_episode e
            using (select fingerprint from llm_episode where rule = :rule and last_seen < :before
                   order by last_seen limit :limit for update skip locked) quiet
            where e.fingerprint = quiet.fingerprint
            returning e.fingerprint, e.application, e.last_seen""")
    @RegisterConstructorMapper(Ended.class)
    List<Ended> endQuietSince(String rule, Instant before, int limit);
}
