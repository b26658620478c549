package io.sentinel.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.sentinel.testkit.DatabaseCoordinates;
import io.sentinel.testkit.EventSender;
import io.sentinel.testkit.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A service running as a role limited to its own schema, its migrations run by the schema's owner,
 * set up by the script operators run (deploy/sql/service-roles.sql): it works, and its role is no
 * superuser, cannot change its schema, and cannot read another service's tables.
 */
@SpringBootTest(classes = ProbeApplication.class, properties = {
        "spring.cloud.stream.default.group=probe-roles",
        "sentinel.db.schema=probe_roles"})
@ActiveProfiles("runtime-it")
class DatabaseRolesIntegrationTest {

    private static final String OWNER = "sentinel_it_probe_owner";
    private static final String APP = "sentinel_it_probe_app";
    private static EventSender sender;

    @DynamicPropertySource
    static void asTheServicesOwnRoles(DynamicPropertyRegistry registry) throws Exception {
        TestInfrastructure.register(registry);
        try (Connection admin = admin()) {
            String script = Files.readString(Path.of("../deploy/sql/service-roles.sql"), StandardCharsets.UTF_8)
                    .replace("${schema}", "probe_roles").replace("${owner}", OWNER).replace("${app}", APP);
            admin.createStatement().execute(script);
            // Another service's table, which the probe's role must not be able to read.
            admin.createStatement().execute("create schema if not exists other_service; "
                    + "create table if not exists other_service.secrets (value text); revoke all on schema other_service from public");
        }
        registry.add("spring.datasource.username", () -> APP);
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.flyway.user", () -> OWNER);
        registry.add("spring.flyway.password", () -> "");
    }

    @BeforeAll
    static void connect() {
        sender = new EventSender(TestInfrastructure.broker().bootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        sender.close();
    }

    @Test
    void aServiceWorksAsARoleThatCanOnlyUseItsOwnSchema() throws Exception {
        String eventId = sender.send(ProbeEvents.opened("inc-roles-" + UUID.randomUUID())).id();
        await().atMost(Duration.ofSeconds(30)).until(() -> ProbeEvents.handled("probe_roles", eventId));

        try (Connection admin = admin(); var roles = admin.createStatement().executeQuery(
                "select rolsuper, rolcreaterole, rolcreatedb from pg_roles where rolname = '" + APP + "'")) {
            roles.next();
            assertThat(roles.getBoolean(1) || roles.getBoolean(2) || roles.getBoolean(3)).as("no superuser or creator powers").isFalse();
        }
        try (Connection app = as(APP)) {
            assertThatThrownBy(() -> app.createStatement().execute("create table probe_roles.sneaky (x int)"))
                    .as("the runtime role cannot change its schema; only migrations can").isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> app.createStatement().executeQuery("select * from other_service.secrets"))
                    .as("nor read another service's tables").isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
        }
    }

    private static Connection admin() throws SQLException {
        DatabaseCoordinates db = TestInfrastructure.database();
        return DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
    }

    private static Connection as(String role) throws SQLException {
        return DriverManager.getConnection(TestInfrastructure.database().jdbcUrl(), role, "");
    }
}
