package io.sentinel.runtime.consume;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Tells failures that go away by themselves (the database restarting, unreachable for a while, out
 * of connections, a deadlock) from failures that are about the record. A record that failed for a
 * transient reason is valid: it waits for the database rather than going to a dead-letter topic.
 */
public final class TransientFailures {

    /**
     * PostgreSQL SQLSTATEs that say "try again later": 08 connection exceptions, 53300 too many
     * connections, 57P01-57P03 shutdown and start-up, 40001 and 40P01 serialization and deadlock.
     */
    private static final Set<String> TRANSIENT_STATES = Set.of("53300", "57P01", "57P02", "57P03", "40001", "40P01");

    private TransientFailures() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException || cause instanceof ConnectException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || TRANSIENT_STATES.contains(sql.getSQLState()))) {
                return true;
            }
            if (cause instanceof org.springframework.dao.TransientDataAccessException
                    || cause instanceof org.springframework.dao.RecoverableDataAccessException) {
                return true;
            }
        }
        return false;
    }
}
