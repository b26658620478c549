package io.sentinel.gateway.auth.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentinel.gateway.audit.db.AuditTrail;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** A presented value that is not shaped like a key must cost no database query. */
class ApiKeysTest {

    private final AtomicInteger connections = new AtomicInteger();
    /** A database that counts every attempt to reach it, and is never there. */
    private final Jdbi database = Jdbi.create(() -> {
        connections.incrementAndGet();
        throw new IllegalStateException("the database must not be queried");
    });
    private final ApiKeys apiKeys = new ApiKeys(database, new AuditTrail(Clock.systemUTC()), Clock.systemUTC());

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"hunter2", "snl_", "snl_short", "snl_0123456789012345678901234567890123456789x",
            "snl_012345678901234567890123456789012345678", "snl_01234567890123456789012345678901234567-9",
            "snl_0123456789012345678901234567890123456' or 1=1 --", "Bearer snl_0123456789012345678901234567890123456789",
            "SNL_0123456789012345678901234567890123456789"})
    void refusesAMalformedKeyWithoutTouchingTheDatabase(String presented) {
        assertThat(apiKeys.authenticate(presented)).isEmpty();
        assertThat(connections).as("database connections attempted").hasValue(0);
    }

    @Test
    void looksUpAWellFormedKeyInTheDatabase() {
        // The control: the same database stand-in does notice a lookup, so the test above can fail.
        assertThatThrownBy(() -> apiKeys.authenticate("snl_0123456789abcdefghijABCDEFGHIJ0123456789"))
                .hasMessageContaining("the database must not be queried");
        assertThat(connections).hasValue(1);
    }
}
