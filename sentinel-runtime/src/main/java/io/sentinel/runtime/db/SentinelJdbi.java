package io.sentinel.runtime.db;

import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.json.JsonConfig;
import org.jdbi.v3.json.JsonPlugin;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** The JDBI every service uses: SQL objects, PostgreSQL types, and {@code @Json} columns through Jackson 3. */
public final class SentinelJdbi {

    private SentinelJdbi() {
    }

    public static Jdbi create(DataSource dataSource) {
        Jdbi jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin()).installPlugin(new PostgresPlugin())
                .installPlugin(new JsonPlugin());
        jdbi.getConfig(JsonConfig.class).setJsonMapper(JacksonJsonColumns.withDefaults());
        return jdbi;
    }
}
