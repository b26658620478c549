package io.sentinel.testkit;

/** Where a PostgreSQL database is, and how to log in. */
public record DatabaseCoordinates(String jdbcUrl, String username, String password, String origin) {
}
