package io.sentinel.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.events.approval.Role;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ApiKeyTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    static Stream<Arguments> uses() {
        return Stream.of(
                Arguments.of("never used", null, true),
                Arguments.of("used a second ago", NOW.minusSeconds(1), false),
                Arguments.of("used 59 seconds ago", NOW.minusSeconds(59), false),
                Arguments.of("used a minute ago", NOW.minusSeconds(60), true),
                Arguments.of("used an hour ago", NOW.minusSeconds(3600), true));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("uses")
    void recordsUseAtMostOnceAMinute(String scenario, Instant lastUsedAt, boolean worthRecording) {
        var key = new ApiKey("k1", "ci", Role.VIEWER, NOW.minusSeconds(86_400), "admin", lastUsedAt, null);
        assertThat(key.useWorthRecording(NOW)).isEqualTo(worthRecording);
    }

    static Stream<Arguments> roles() {
        return Stream.of(
                Arguments.of(Role.VIEWER, Set.of(Role.VIEWER)),
                Arguments.of(Role.OPERATOR, Set.of(Role.VIEWER, Role.OPERATOR)),
                Arguments.of(Role.ADMIN, Set.of(Role.VIEWER, Role.OPERATOR, Role.ADMIN)));
    }

    @ParameterizedTest(name = "{0} holds {1}")
    @MethodSource("roles")
    void aRoleHoldsTheRolesItIncludes(Role role, Set<Role> granted) {
        var principal = new Caller("k1", "someone", role, Channel.API_KEY);
        assertThat(principal.grantedRoles()).isEqualTo(granted);
    }
}
