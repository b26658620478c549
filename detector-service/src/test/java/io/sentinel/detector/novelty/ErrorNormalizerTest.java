package io.sentinel.detector.novelty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ErrorNormalizerTest {

    static Stream<Arguments> normalisations() {
        return Stream.of(
                Arguments.of("Java: ids, e-mail, duration",
                        "Failed to process order 4711 for customer alice@example.com after 30000ms",
                        "failed to process order <n> for customer <email> after <duration>"),
                Arguments.of("Java: UUID and ISO timestamp",
                        "Request 3fa85f64-5717-4562-b3fc-2c963f66afa6 failed at 2026-11-23T12:00:01.123Z",
                        "request <uuid> failed at <ts>"),
                Arguments.of("Java: host:port and a decimal duration",
                        "Could not connect to db-primary.internal:5432 (timeout 2.5s)",
                        "could not connect to <addr> (timeout <duration>)"),
                Arguments.of("Go: IPv4 with port",
                        "dial tcp 10.0.0.5:5432: connect: connection refused",
                        "dial tcp <addr>: connect: connection refused"),
                Arguments.of("Go: panic with index and length",
                        "panic: runtime error: index out of range [5] with length 3",
                        "panic: runtime error: index out of range [<n>] with length <n>"),
                Arguments.of("IPv6, bracketed with port, compressed",
                        "upstream [2001:db8::1]:8080 reset, retry with ::1",
                        "upstream <addr> reset, retry with <addr>"),
                Arguments.of("Postgres: quoted constraint, e-mail in the key",
                        "duplicate key value violates unique constraint \"users_email_key\" Key (email)=(bob@corp.io) already exists.",
                        "duplicate key value violates unique constraint <quoted> key (email)=(<email>) already exists."),
                Arguments.of("Python: single-quoted value, apostrophe left alone",
                        "can't parse token 'abc' at position 17",
                        "can't parse token <quoted> at position <n>"),
                Arguments.of("hex: 0x address and a trace id",
                        "segfault at 0x7ffd4e2a in trace 4bf92f3577b34da6a3ce929d0e0e4736",
                        "segfault at <hex> in trace <hex>"),
                Arguments.of("sizes",
                        "allocation of 2147483648 bytes failed; heap 512MB",
                        "allocation of <size> failed; heap <size>"),
                Arguments.of("whitespace collapses, case folds",
                        "  Connection   RESET\n\tby peer ",
                        "connection reset by peer"),
                Arguments.of("identifiers with digits stay: they name things, not occurrences",
                        "OrderService v2 failed for shard user42",
                        "orderservice v2 failed for shard user42"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("normalisations")
    void replacesWhatVariesBetweenOccurrences(String scenario, String message, String normalised) {
        assertThat(ErrorNormalizer.normalize(message)).isEqualTo(normalised);
    }

    static Stream<Arguments> sameError() {
        return Stream.of(
                Arguments.of("another order and customer", "Failed to process order 4711 for alice@example.com",
                        "Failed to process order 98 for bob@corp.io"),
                Arguments.of("another request id and time", "Request 3fa85f64-5717-4562-b3fc-2c963f66afa6 failed at 2026-11-23T12:00:01Z",
                        "Request 9c8b7a6d-1111-4222-8333-444455556666 failed at 2026-11-24T08:13:59.999+01:00"),
                Arguments.of("another replica's address", "dial tcp 10.0.0.5:5432: connect: connection refused",
                        "dial tcp 10.0.7.19:6432: connect: connection refused"),
                Arguments.of("another timeout", "timed out after 30000ms", "timed out after 5s"),
                Arguments.of("another id after an underscore", "Charge ch_1 declined: card 4242 expired",
                        "Charge ch_2 declined: card 5555 expired"),
                Arguments.of("Python: another missing key", "KeyError: 'user_id'", "KeyError: 'order_id'"),
                Arguments.of("Postgres: another duplicate", "duplicate key value violates unique constraint \"users_email_key\"",
                        "duplicate key value violates unique constraint \"orders_pkey\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sameError")
    void collapsesOccurrencesOfOneError(String scenario, String one, String other) {
        assertThat(ErrorNormalizer.signature(one, null).fingerprint()).isEqualTo(ErrorNormalizer.signature(other, null).fingerprint());
    }

    static Stream<Arguments> differentErrors() {
        return Stream.of(
                Arguments.of("refused is not reset", "connection refused", null, "connection reset by peer", null),
                Arguments.of("Postgres: a missing relation is not a missing column", "relation \"orders\" does not exist", null,
                        "column \"total\" does not exist", null),
                Arguments.of("same message, different exception type", "boom",
                        "java.lang.IllegalStateException: boom\n\tat a.B.c(B.java:1)", "boom",
                        "java.lang.NullPointerException: boom\n\tat a.B.c(B.java:1)"),
                Arguments.of("Python: KeyError is not ValueError", "'user_id'",
                        "Traceback (most recent call last):\n  File \"app.py\", line 3\nKeyError: 'user_id'", "'user_id'",
                        "Traceback (most recent call last):\n  File \"app.py\", line 3\nValueError: 'user_id'"),
                Arguments.of("Go: index out of range is not nil pointer", "panic: runtime error: index out of range [5] with length 3", null,
                        "panic: runtime error: invalid memory address or nil pointer dereference", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("differentErrors")
    void keepsDifferentErrorsApart(String scenario, String message, String stack, String otherMessage, String otherStack) {
        assertThat(ErrorNormalizer.signature(message, stack).fingerprint())
                .isNotEqualTo(ErrorNormalizer.signature(otherMessage, otherStack).fingerprint());
    }

    static Stream<Arguments> exceptionTypes() {
        return Stream.of(
                Arguments.of("Java", "java.lang.IllegalStateException: pool exhausted\n\tat com.shop.Pool.get(Pool.java:42)",
                        "java.lang.IllegalStateException"),
                Arguments.of("Java, uncaught in a thread", "Exception in thread \"main\" java.lang.NullPointerException\n\tat A.b(A.java:1)",
                        "java.lang.NullPointerException"),
                Arguments.of("Python: the type is on the last line",
                        "Traceback (most recent call last):\n  File \"app.py\", line 3, in <module>\nKeyError: 'user_id'\n", "KeyError"),
                Arguments.of("Python: qualified type", "psycopg2.errors.UniqueViolation: duplicate key value",
                        "psycopg2.errors.UniqueViolation"),
                Arguments.of("Node", "TypeError: Cannot read properties of undefined (reading 'id')\n    at handler (/app/index.js:10:5)",
                        "TypeError"),
                Arguments.of("Go: goroutine dump names no type", "goroutine 1 [running]:\nmain.main()\n\t/app/main.go:12", null),
                Arguments.of("no stack trace", null, null),
                Arguments.of("blank stack trace", "  \n", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exceptionTypes")
    void findsTheExceptionTypeInTheStackTrace(String scenario, String stackTrace, String type) {
        assertThat(ErrorNormalizer.exceptionType(stackTrace)).isEqualTo(type);
    }

    @Test
    void fingerprintsAreShortStableHex() {
        ErrorSignature signature = ErrorNormalizer.signature("Order 42 not found", "com.shop.NotFound: Order 42 not found");
        assertThat(signature.fingerprint()).matches("[0-9a-f]{16}").isEqualTo(ErrorNormalizer.signature("order 7 NOT found",
                "com.shop.NotFound: x").fingerprint());
        assertThat(signature.exceptionType()).isEqualTo("com.shop.NotFound");
    }

    @Test
    void fingerprintsStayTheOnesEarlierVersionsStored() {
        // Computed by the regular-expression normaliser this one replaced: known errors in error_fingerprint stay known.
        assertThat(ErrorNormalizer.signature("Failed to process order 4711 for customer alice@example.com after 30000ms",
                "java.lang.IllegalStateException: pool exhausted\n\tat com.shop.Pool.get(Pool.java:42)").fingerprint()).isEqualTo("54e5ba6172253471");
        assertThat(ErrorNormalizer.signature("dial tcp 10.0.0.5:5432: connect: connection refused", null).fingerprint())
                .isEqualTo("cf7d67413b1e3ebc");
        assertThat(ErrorNormalizer.signature("KeyError: 'user_id'", "Traceback (most recent call last):\n  File \"app.py\", line 3\n"
                + "KeyError: 'user_id'").fingerprint()).isEqualTo("7ab0e0ff9044c615");
    }

    /**
     * Reports written against the patterns a regular-expression normaliser would use, 60 KiB each (what
     * the collector lets through for a stack trace), as both message and stack trace. The normaliser
     * this one replaced took over a minute on the {@code $} run (its exception-type pattern backtracked
     * over {@code [\w$]*} against {@code [.$]}) and overflowed the stack on the dotted runs.
     */
    static Stream<Arguments> hostileReports() {
        int size = 60_000;
        return Stream.of(
                Arguments.of("one long word", "a".repeat(size)),
                Arguments.of("a dollar-separated identifier with no colon", "a" + "$a".repeat(size / 2) + "!"),
                Arguments.of("a dotted identifier with no colon", "a" + ".a".repeat(size / 2) + "!"),
                Arguments.of("a dotted number run into a letter", "1.".repeat(size / 2) + "a"),
                Arguments.of("a 0x prefix and a long hex run", "0x" + "f".repeat(size)),
                Arguments.of("hex runs one short of an id", ("0x" + "a".repeat(7) + " ").repeat(size / 10)),
                Arguments.of("nested brackets", "[".repeat(size / 2) + "]".repeat(size / 2)),
                Arguments.of("a bracket and endless colons", "[" + "1:".repeat(size / 2)),
                Arguments.of("IPv6-like compressions", "1::".repeat(size / 3)),
                Arguments.of("a long run of spaces", "a" + " ".repeat(size) + "!"),
                Arguments.of("quotes that never close in time", ("\"" + "x".repeat(600)).repeat(size / 601)),
                Arguments.of("apostrophes inside words", " 'a'b".repeat(size / 5)),
                Arguments.of("e-mail-like runs", "a@".repeat(size / 2)),
                Arguments.of("an uncaught exception header without its closing quote", "Exception in thread \"" + "a".repeat(size)),
                Arguments.of("a Python traceback whose last line is one long word", "Traceback (most recent call last)\n" + "x".repeat(size)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileReports")
    void aHostileReportIsNormalisedInMilliseconds(String scenario, String report) {
        ErrorNormalizer.signature("warm up", "java.lang.IllegalStateException: warm up");

        ErrorSignature signature = assertTimeoutPreemptively(Duration.ofMillis(200), () -> ErrorNormalizer.signature(report, report));

        assertThat(signature.fingerprint()).matches("[0-9a-f]{16}");
    }

    @Test
    void aLineCutShortNamesNoTypeItCannotSeeTheEndOf() {
        assertThat(ErrorNormalizer.exceptionType("a".repeat(ErrorNormalizer.MAX_LINE_CHARS + 1) + "!")).isNull();
        assertThat(ErrorNormalizer.exceptionType("a$a$a!")).as("no colon, no type").isNull();
        assertThat(ErrorNormalizer.exceptionType("com.shop.NotFound" + ": " + "x".repeat(ErrorNormalizer.MAX_LINE_CHARS * 10)))
                .isEqualTo("com.shop.NotFound");
    }

    @Test
    void readsOnlyTheHeadOfAHugeMessage() {
        String huge = "x".repeat(ErrorNormalizer.MAX_MESSAGE_CHARS) + " and then something different every time " + System.nanoTime();
        assertThat(ErrorNormalizer.normalize(huge)).hasSize(ErrorNormalizer.MAX_MESSAGE_CHARS);
    }
}
