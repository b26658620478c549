package io.sentinel.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a real PostgreSQL: the one named by the environment, else the one on 127.0.0.1:5432, else an
 * embedded one started from the PostgreSQL binaries shipped in a jar.
 */
public final class PostgresProvisioner {

    private static final Logger log = LoggerFactory.getLogger(PostgresProvisioner.class);
    private static final String LOCAL_SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final Pattern TEST_DATABASE = Pattern.compile("sentinel_test_(\\d+)_[a-z0-9]+");
    private static final Duration STALE_TEST_DATABASE = Duration.ofHours(6);

    private static DatabaseCoordinates testDatabase;
    private static EmbeddedPostgres embedded;

    private PostgresProvisioner() {
    }

    /**
     * A fresh, empty database for this test JVM, dropped when the JVM exits. The server is
     * {@code SENTINEL_TEST_DB_URL} (a JDBC URL of any database on it, with
     * {@code SENTINEL_TEST_DB_USER}/{@code SENTINEL_TEST_DB_PASSWORD}), else 127.0.0.1:5432 as
     * {@code postgres}, else an embedded server.
     */
    public static synchronized DatabaseCoordinates forTests() {
        if (testDatabase != null) {
            return testDatabase;
        }
        String adminUrl = env("SENTINEL_TEST_DB_URL", LOCAL_SERVER + "test");
        String user = env("SENTINEL_TEST_DB_USER", "postgres");
        String password = env("SENTINEL_TEST_DB_PASSWORD", "");
        try (Connection admin = DriverManager.getConnection(adminUrl, user, password)) {
            dropStaleTestDatabases(admin);
            String name = "sentinel_test_" + Instant.now().getEpochSecond() + "_" + randomSuffix();
            execute(admin, "create database " + name);
            testDatabase = new DatabaseCoordinates(replaceDatabase(adminUrl, name), user, password, "PostgreSQL at " + adminUrl);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> dropQuietly(adminUrl, user, password, name)));
            log.info("tests use database {} on {}", name, adminUrl);
        } catch (SQLException e) {
            log.warn("no PostgreSQL at {} ({}); starting an embedded one", adminUrl, e.getMessage());
            testDatabase = startEmbedded(null);
        }
        return testDatabase;
    }

    /**
     * The local stack's database: {@code SENTINEL_DB_URL} if set (used as is), else database
     * {@code sentinel} on 127.0.0.1:5432 (created if missing), else an embedded server keeping its
     * data in {@code embeddedDataDir}.
     */
    public static synchronized DatabaseCoordinates forLocalStack(Path embeddedDataDir) {
        String configured = System.getenv("SENTINEL_DB_URL");
        String user = env("SENTINEL_DB_USER", "postgres");
        String password = env("SENTINEL_DB_PASSWORD", "");
        if (configured != null && !configured.isBlank()) {
            return new DatabaseCoordinates(configured, user, password, "SENTINEL_DB_URL");
        }
        try (Connection admin = DriverManager.getConnection(LOCAL_SERVER + "postgres", user, password)) {
            boolean exists;
            try (var statement = admin.prepareStatement("select 1 from pg_database where datname = 'sentinel'");
                 var rows = statement.executeQuery()) {
                exists = rows.next();
            }
            if (!exists) {
                execute(admin, "create database sentinel");
            }
            return new DatabaseCoordinates(LOCAL_SERVER + "sentinel", user, password, "PostgreSQL at 127.0.0.1:5432");
        } catch (SQLException e) {
            log.info("no PostgreSQL at 127.0.0.1:5432 ({}); starting an embedded one with data in {}", e.getMessage(), embeddedDataDir);
            return startEmbedded(embeddedDataDir);
        }
    }

    private static DatabaseCoordinates startEmbedded(Path dataDir) {
        try {
            var builder = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(30));
            if (dataDir != null) {
                builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
            }
            embedded = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(PostgresProvisioner::closeEmbedded));
            return new DatabaseCoordinates(embedded.getJdbcUrl("postgres", "postgres"), "postgres", "",
                    "embedded PostgreSQL on port " + embedded.getPort());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("""
                    No PostgreSQL available. Sentinel tried, in order:
                      1. SENTINEL_DB_URL / SENTINEL_TEST_DB_URL (not set or not reachable)
                      2. a server on 127.0.0.1:5432 with user 'postgres' (not reachable)
                      3. an embedded PostgreSQL (failed: %s)
                    Start a PostgreSQL 14+ server, or point SENTINEL_DB_URL at one.""".formatted(e.getMessage()), e);
        }
    }

    private static void closeEmbedded() {
        try {
            embedded.close();
        } catch (IOException e) {
            log.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }

    /** Test JVMs that were killed leave their databases behind; sweep those that are clearly abandoned. */
    private static void dropStaleTestDatabases(Connection admin) throws SQLException {
        List<String> stale = new ArrayList<>();
        try (var statement = admin.prepareStatement("select datname from pg_database where datname like 'sentinel_test_%'");
             var rows = statement.executeQuery()) {
            while (rows.next()) {
                Matcher matcher = TEST_DATABASE.matcher(rows.getString(1));
                if (matcher.matches() && Instant.ofEpochSecond(Long.parseLong(matcher.group(1)))
                        .isBefore(Instant.now().minus(STALE_TEST_DATABASE))) {
                    stale.add(rows.getString(1));
                }
            }
        }
        for (String name : stale) {
            execute(admin, "drop database if exists " + name + " with (force)");
        }
    }

    private static void dropQuietly(String adminUrl, String user, String password, String name) {
        try (Connection admin = DriverManager.getConnection(adminUrl, user, password)) {
            execute(admin, "drop database if exists " + name + " with (force)");
        } catch (SQLException e) {
            log.warn("could not drop test database {}: {}", name, e.getMessage());
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static String replaceDatabase(String jdbcUrl, String database) {
        Matcher matcher = Pattern.compile("^(jdbc:postgresql://[^/]+/)([^?]*)(\\?.*)?$").matcher(jdbcUrl);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL with a database: " + jdbcUrl);
        }
        return matcher.group(1) + database + (matcher.group(3) == null ? "" : matcher.group(3));
    }

    private static String randomSuffix() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        var random = new SecureRandom();
        var suffix = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            suffix.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return suffix.toString();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
