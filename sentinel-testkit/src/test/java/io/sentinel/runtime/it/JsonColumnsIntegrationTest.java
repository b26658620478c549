package io.sentinel.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.events.target.KubernetesRef;
import io.sentinel.events.target.TargetRef;
import io.sentinel.runtime.db.SentinelJdbi;
import io.sentinel.testkit.DatabaseCoordinates;
import io.sentinel.testkit.TestInfrastructure;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.json.Json;
import org.jdbi.v3.sqlobject.SingleValue;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** {@code @Json} columns through the runtime's JDBI: maps and records in and out of jsonb, on a real PostgreSQL. */
class JsonColumnsIntegrationTest {

    @Test
    void writesAndReadsMapsAndRecordsAsJsonb() {
        Jdbi jdbi = SentinelJdbi.create(dataSource());
        jdbi.useHandle(handle -> handle.execute("create table if not exists json_columns_it (id text primary key, labels jsonb, target jsonb)"));
        Columns columns = jdbi.onDemand(Columns.class);
        TargetRef target = new TargetRef("shop-prod", "production", List.of("http://shop.prod:8080"), new KubernetesRef("shop", "Deployment", "shop"));

        columns.insert("a", Map.of("service", "shop", "quote", "it's \"quoted\""), target);
        columns.insert("b", Map.of(), null);

        assertThat(columns.labels("a")).containsEntry("quote", "it's \"quoted\"");
        assertThat(columns.target("a")).contains(target);
        assertThat(columns.target("b")).isEmpty();
        String stored = jdbi.withHandle(handle -> handle.createQuery("select jsonb_typeof(labels) from json_columns_it where id = 'a'")
                .mapTo(String.class).one());
        assertThat(stored).as("stored as jsonb, not as a string").isEqualTo("object");
    }

    interface Columns {

        @SqlUpdate("insert into json_columns_it (id, labels, target) values (:id, :labels, :target)")
        void insert(@Bind("id") String id, @Json @Bind("labels") Map<String, String> labels, @Json @Bind("target") TargetRef target);

        // A Map result would otherwise be read as key/value rows: @SingleValue makes it one column's value.
        @SqlQuery("select labels from json_columns_it where id = :id")
        @SingleValue
        @Json
        Map<String, String> labels(@Bind("id") String id);

        @SqlQuery("select target from json_columns_it where id = :id and target is not null")
        @Json
        Optional<TargetRef> target(@Bind("id") String id);
    }

    private static PGSimpleDataSource dataSource() {
        DatabaseCoordinates db = TestInfrastructure.database();
        var dataSource = new PGSimpleDataSource();
        dataSource.setURL(db.jdbcUrl());
        dataSource.setUser(db.username());
        dataSource.setPassword(db.password());
        return dataSource;
    }
}
